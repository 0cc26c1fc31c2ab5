using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ZonaWelfare.E2E.Tests;

/// <summary>
/// A citizen of the Area Grossetana looks for a service in the Bussola dei servizi, clicking through
/// Chromium like people do: search, filter, sort by distance, open a service, print it.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class BussolaCitizenTests(E2EApp app)
{
    [Fact]
    public async Task A_citizen_searches_anziani_filters_by_roccastrada_opens_a_service_and_sees_its_contacts()
    {
        var page = await app.NewPageAsync();

        // From the zone's home page to the Bussola, through the menu.
        await page.GotoAsync("/grossetana/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bussola dei servizi", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bussola dei servizi");

        // Typing offers completions from the zone's own words.
        var box = page.GetByLabel("Cosa cerchi?");
        await box.PressSequentiallyAsync("anz", new() { Delay = 50 });
        await Expect(page.Locator("#bussola-q-suggestions option").First).ToHaveAttributeAsync("value", new Regex("^anz"));
        await box.FillAsync("anziani");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }).ClickAsync();
        var count = page.Locator("#bussola-risultati");
        await Expect(count).ToContainTextAsync("servizi trovati");
        var all = ServicesFound(await count.InnerTextAsync());

        // Only what is offered in Roccastrada.
        await page.GetByRole(AriaRole.Group, new() { Name = "Comune" }).GetByRole(AriaRole.Link, new() { Name = "Roccastrada", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("comune=Roccastrada"));
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Roccastrada" })).ToBeCheckedAsync();
        var inRoccastrada = ServicesFound(await count.InnerTextAsync());
        Assert.InRange(inRoccastrada, 1, all - 1);
        await E2EApp.ScreenshotAsync(page, "cittadino-bussola-anziani-roccastrada");

        // The first service, with its contacts and its place in Roccastrada.
        var first = page.Locator(".bussola-results h3 a").First;
        var title = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        var contacts = page.Locator("#contatti");
        await Expect(contacts.GetByRole(AriaRole.Heading, new() { Name = "Contatti" })).ToBeVisibleAsync();
        await Expect(contacts.Locator("a[href^='tel:']").First).ToBeVisibleAsync();
        await Expect(contacts.Locator("a[href^='mailto:']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#dove address", new() { HasText = "Roccastrada" }).First).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(page, "cittadino-bussola-scheda-servizio");

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_citizen_sorts_the_services_by_distance_from_a_comune_or_from_where_they_are()
    {
        // The browser knows where the citizen is: central Grosseto.
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "it-IT",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Geolocation = new Geolocation { Latitude = 42.76031f, Longitude = 11.11342f },
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/grossetana/bussola?q=centro+diurno");

        await page.GetByLabel("Ordina i risultati").SelectOptionAsync("Scansano");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ordina", Exact = true }).ClickAsync();
        await Expect(page.Locator("#bussola-risultati")).ToContainTextAsync("dal più vicino a Scansano");
        var fromScansano = await Distances(page, "da Scansano");
        Assert.Equal(fromScansano.Order(), fromScansano);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ordina dal più vicino alla mia posizione" }).ClickAsync();
        await Expect(page.Locator("#bussola-risultati")).ToContainTextAsync("dal più vicino alla tua posizione");
        await Expect(page).ToHaveURLAsync(new Regex(@"lat=42\.760&lon=11\.113&vicino=posizione"));
        var fromHere = await Distances(page, "dalla tua posizione");
        Assert.Equal(fromHere.Order(), fromHere);
        Assert.True(fromHere[0] < 3, $"The nearest centro diurno is in Grosseto, not {fromHere[0]} km away.");
        await E2EApp.ScreenshotAsync(page, "cittadino-bussola-vicino-a-me");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ordina per pertinenza" }).ClickAsync();
        await Expect(page.Locator("#bussola-risultati")).Not.ToContainTextAsync("dal più vicino");

        await context.CloseAsync();
    }

    [Fact]
    public async Task The_service_page_prints_as_a_handout()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/grossetana/bussola/servizi/telesoccorso");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stampa la scheda" })).ToBeVisibleAsync();
        await Expect(page.Locator(".bussola-print-source")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator(".bussola-print-source")).ToBeVisibleAsync();
        await Expect(page.Locator(".bussola-print-source")).ToContainTextAsync("/grossetana/bussola/servizi/telesoccorso");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Indice della pagina" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stampa la scheda" })).ToBeHiddenAsync();
        await Expect(page.Locator("#contatti")).ToBeVisibleAsync();
        await page.PdfAsync(new() { Path = Path.Combine(E2EApp.ScreenshotFolder, "cittadino-bussola-scheda-stampa.pdf"), Format = "A4" });
        await E2EApp.ScreenshotAsync(page, "cittadino-bussola-scheda-stampa");

        await page.Context.CloseAsync();
    }

    private static int ServicesFound(string heading) => int.Parse(Count().Match(heading).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<double>> Distances(IPage page, string from) =>
        (await page.Locator(".bussola-distance").AllInnerTextsAsync())
            .Select(text => Distance().Match(text))
            .Where(m => m.Success && m.Groups[2].Value == from)
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.GetCultureInfo("it-IT")))
            .ToList();

    [GeneratedRegex(@"^(\d+) serviz")]
    private static partial Regex Count();

    [GeneratedRegex(@"A (\d+(?:,\d)?) km (.+)$")]
    private static partial Regex Distance();
}
