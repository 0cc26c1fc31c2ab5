using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ZonaWelfare.E2E.Tests;

/// <summary>Public pages have no WCAG 2.1 A/AA violations according to axe-core.</summary>
[Collection(E2ECollection.Name)]
public sealed class AccessibilityTests(E2EApp app)
{
    public static TheoryData<string, string> PublicPages => new()
    {
        { "/", "piattaforma-home" },
        { "/livornese/", "livornese-home" },
        { "/grossetana/", "grossetana-home" },
        { "/grossetana/opendata", "grossetana-opendata" },
        { "/grossetana/bussola?q=anziani&comune=Roccastrada", "grossetana-bussola-ricerca" },
        { "/grossetana/bussola?q=zzzzqqq", "grossetana-bussola-nessun-risultato" },
        { "/grossetana/bussola?q=anziani&vicino=Roccastrada", "grossetana-bussola-vicino-a" },
        { "/grossetana/bussola/servizi/ribolla-centro-diurno", "grossetana-bussola-servizio" },
        { "/livornese/co-programmazione-2026", "livornese-pagina" },
        { "/grossetana/chi-siamo", "grossetana-pagina" },
        { "/pagina-inesistente/", "errore-404" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_has_no_wcag_2_1_aa_violations(string path, string name)
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(name.StartsWith("errore", StringComparison.Ordinal) ? 404 : 200, response!.Status);

        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        await E2EApp.ScreenshotAsync(page, name);

        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_zone_home_page_works_on_a_phone_and_shows_the_comuni()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/grossetana/");

        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Area Grossetana");
        foreach (var comune in new[] { "Grosseto", "Campagnatico", "Castiglione della Pescaia", "Civitella Paganico", "Roccastrada", "Scansano" })
        {
            await Microsoft.Playwright.Assertions.Expect(page.GetByText(comune, new() { Exact = true })).ToBeVisibleAsync();
        }

        await E2EApp.ScreenshotAsync(page, "grossetana-home-mobile");
        await page.Context.CloseAsync();
    }
}
