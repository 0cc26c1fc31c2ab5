using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ZonaWelfare.E2E.Tests;

/// <summary>
/// An editor maintains a Bussola service in the admin, clicked through in Chromium: finds it in the content list,
/// rewrites "Cosa serve" with a markdown preview, publishes; citizens then read the change on the page, in the API
/// and in the search, and every other section is as it was.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class BussolaEditorFlowTests(E2EApp app)
{
    private const string ServicePage = "/grossetana/bussola/servizi/centro-diurno-melograno";

    [Fact]
    public async Task An_editor_rewrites_cosa_serve_publishes_and_citizens_see_the_change_with_every_other_section_unchanged()
    {
        var citizen = await app.NewPageAsync();
        await citizen.GotoAsync(ServicePage);
        var sectionsBefore = await SectionsAsync(citizen);
        Assert.Contains("cosa-serve", sectionsBefore.Keys);

        var editor = await SignInAsync();
        await editor.GotoAsync("/grossetana/admin/contents?type=Servizio");
        await editor.GetByLabel("Testo").FillAsync("melograno");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
        await Expect(editor.GetByText("13 di 13 sezioni compilate")).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(editor, "editor-servizi-elenco");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Centro diurno Il Melograno", Exact = false }).First.ClickAsync();

        await Expect(editor.GetByText("13 di 13 sezioni compilate")).ToBeVisibleAsync();
        await editor.GetByRole(AriaRole.Link, new() { Name = "Cosa serve" }).ClickAsync();
        var whatYouNeed = editor.GetByRole(AriaRole.Textbox, new() { Name = "Cosa serve", Exact = true });
        await whatYouNeed.FillAsync("Porta la **tessera sanitaria** e il modulo GIALLOVERDE compilato.");
        var fieldset = editor.Locator("#ServicePart-cosa-serve");
        await fieldset.GetByRole(AriaRole.Button, new() { Name = "Anteprima" }).ClickAsync();
        await Expect(fieldset.Locator(".zw-md-preview strong")).ToHaveTextAsync("tessera sanitaria");
        await E2EApp.ScreenshotAsync(editor, "editor-servizio-anteprima");
        await fieldset.GetByRole(AriaRole.Button, new() { Name = "Scrivi" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Salva e pubblica" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status).Filter(new() { HasText = "è stato pubblicato" })).ToBeVisibleAsync();

        await citizen.GotoAsync(ServicePage);
        var sectionsAfter = await SectionsAsync(citizen);
        await Expect(citizen.Locator("#cosa-serve strong")).ToHaveTextAsync("tessera sanitaria");
        Assert.Equal(sectionsBefore.Keys.Order(), sectionsAfter.Keys.Order());
        Assert.All(sectionsBefore.Where(s => s.Key != "cosa-serve"), s => Assert.Equal(s.Value, sectionsAfter[s.Key]));
        Assert.NotEqual(sectionsBefore["cosa-serve"], sectionsAfter["cosa-serve"]);

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var record = JsonDocument.Parse(await http.GetStringAsync("/api/grossetana/services/srv-gr-centro-diurno-melograno"));
        Assert.Equal("Porta la **tessera sanitaria** e il modulo GIALLOVERDE compilato.", record.RootElement.GetProperty("designers_italia").GetProperty("what_you_need").GetString());

        await citizen.GotoAsync("/grossetana/bussola?q=gialloverde");
        await Expect(citizen.Locator("main h3 a")).ToHaveTextAsync("Centro diurno Il Melograno");
    }

    [Fact]
    public async Task The_editors_of_a_service_a_location_and_an_organization_read_well_at_desktop_and_phone_widths()
    {
        foreach (var (width, suffix) in new[] { (1280, "1280"), (390, "390") })
        {
            var page = await SignInAsync(width);
            foreach (var (path, name) in new[]
            {
                ("/grossetana/admin/contents/srv-gr-assistenza-domiciliare/edit", "editor-servizio"),
                ("/grossetana/admin/contents/sede-gr-coeso-grosseto/edit", "editor-sede"),
                ("/grossetana/admin/contents/org-gr-coeso/edit", "editor-ente"),
            })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Salva e pubblica" })).ToBeVisibleAsync();
                await E2EApp.ScreenshotAsync(page, $"{name}-{suffix}");
            }

            // The picker's search box narrows the sedi offered to a service.
            await page.GotoAsync("/grossetana/admin/contents/srv-gr-assistenza-domiciliare/edit");
            var sedi = page.Locator("fieldset.zw-picker", new() { HasText = "Dove: sedi del servizio" });
            await sedi.GetByLabel("Cerca per nome").FillAsync("scansano");
            await Expect(sedi.GetByRole(AriaRole.Status)).ToContainTextAsync("risultat");
            // The sedi already chosen stay in view; the others offered are the ones in Scansano.
            var offered = await sedi.Locator("li:visible:has(input:not(:checked)) label").AllInnerTextsAsync();
            Assert.NotEmpty(offered);
            Assert.All(offered, text => Assert.Contains("Scansano", text, StringComparison.Ordinal));
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The text of each section of the service page, by its id.</summary>
    private static async Task<Dictionary<string, string>> SectionsAsync(IPage page)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in await page.Locator("main section[id]").AllAsync())
        {
            sections[(await section.GetAttributeAsync("id"))!] = (await section.InnerTextAsync()).Trim();
        }

        return sections;
    }

    private async Task<IPage> SignInAsync(int width = 1280)
    {
        var page = await app.NewPageAsync(width);
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Nome utente").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(E2EApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }
}
