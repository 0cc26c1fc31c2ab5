using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ZonaWelfare.E2E.Tests;

/// <summary>
/// The pages work under their Content-Security-Policy in a real browser: Chromium reports every script, style,
/// font or image the policy blocks on the console ("Refused to … because it violates the following Content
/// Security Policy directive"); none may appear while citizens and editors use the site, its menus and widgets.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ContentSecurityPolicyTests(E2EApp app)
{
    [Fact]
    public async Task Citizens_and_editors_use_the_site_without_a_single_blocked_resource()
    {
        var violations = new List<string>();
        var citizen = await app.NewPageAsync(390);
        Watch(citizen, violations);
        foreach (var path in new[] { "/", "/livornese/", "/grossetana/bussola?q=anziani", "/grossetana/bussola/servizi/centro-diurno-melograno", "/livornese/chi-siamo" })
        {
            var response = await citizen.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            await citizen.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // Bootstrap Italia's own script still runs: the phone menu opens.
        await citizen.GotoAsync("/livornese/");
        await citizen.Locator("button.custom-navbar-toggler").ClickAsync();
        await Expect(citizen.Locator("#menu-principale")).ToBeVisibleAsync();
        // The menu slides in: screenshot it once its links are fully on screen.
        await citizen.WaitForFunctionAsync("() => document.querySelector('#menu-principale a.nav-link').getBoundingClientRect().left >= 0");
        await E2EApp.ScreenshotAsync(citizen, "csp-menu-telefono");

        var editor = await app.NewPageAsync();
        Watch(editor, violations);
        await editor.GotoAsync("/admin/login");
        await editor.GetByLabel("Nome utente").FillAsync("admin");
        await editor.GetByLabel("Password").FillAsync(E2EApp.AdminPassword);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await editor.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await editor.GotoAsync("/grossetana/admin/contents?type=Servizio");
        await editor.GetByLabel("Testo").FillAsync("melograno");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
        await editor.GetByRole(AriaRole.Link, new() { Name = "Centro diurno Il Melograno", Exact = false }).First.ClickAsync();
        var fieldset = editor.Locator("#ServicePart-cosa-serve");
        await fieldset.GetByRole(AriaRole.Button, new() { Name = "Anteprima" }).ClickAsync();
        await Expect(fieldset.Locator(".zw-md-preview")).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(editor, "csp-editor-anteprima");

        Assert.True(violations.Count == 0, "blocked by the Content-Security-Policy:\n" + string.Join("\n", violations));
    }

    private static void Watch(IPage page, List<string> violations) =>
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
}
