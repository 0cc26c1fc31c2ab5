using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;
using static Microsoft.Playwright.Assertions;

namespace ZonaWelfare.E2E.Tests;

/// <summary>
/// An editor builds a workflow in the admin («when a Pagina is published, write it in the audit trail»), publishes
/// a page, and finds the finished instance with its history; every workflow page is photographed at desktop and
/// phone width (in the screenshots folder and in /tmp/wf-shots).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class WorkflowsAdminFlowTests(E2EApp app)
{
    private const string Zone = "flussi-e2e";
    private const string Shots = "/tmp/wf-shots";

    [Fact]
    public async Task An_editor_creates_a_workflow_publishes_a_page_and_sees_the_finished_instance_with_its_history()
    {
        await EnsureZoneAsync();
        var page = await SignInAsync();

        // The new type, in the form: two activities and one transition.
        await page.GotoAsync($"/{Zone}/admin/workflows");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nuovo flusso" }).ClickAsync();
        await page.GetByLabel("Nome tecnico").FillAsync("PaginaPubblicata");
        await page.GetByLabel("Nome", new() { Exact = true }).FillAsync("Pagina pubblicata");
        await page.GetByLabel("Descrizione").FillAsync("Quando una Pagina è pubblicata, registra nel registro attività.");
        var first = page.Locator("#act-0");
        await first.GetByLabel("Identificativo").FillAsync("pubblicata");
        await first.GetByLabel("Tipo di attività").SelectOptionAsync(new SelectOptionValue { Label = "Contenuto pubblicato" });
        await first.GetByLabel("Opzioni (JSON)").FillAsync("{ \"contentTypes\": [ \"Pagina\" ] }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi attività" }).ClickAsync();
        var second = page.Locator(".wf-activity").Nth(1);
        await second.GetByLabel("Identificativo").FillAsync("registra");
        await second.GetByLabel("Titolo (facoltativo)").FillAsync("Registra la pubblicazione");
        await second.GetByLabel("Tipo di attività").SelectOptionAsync(new SelectOptionValue { Label = "Registra nel registro attività" });
        await Expect(second.Locator(".wf-schema-text")).ToContainTextAsync("message");
        await second.GetByLabel("Opzioni (JSON)").FillAsync("{ \"message\": \"Pubblicata la pagina {titolo}\" }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi transizione" }).ClickAsync();
        var transition = page.Locator(".wf-transition").First;
        await transition.GetByLabel("Da").FillAsync("pubblicata");
        await transition.GetByLabel("Con esito").FillAsync("done");
        await transition.GetByLabel("A", new() { Exact = true }).FillAsync("registra");
        await ShotAsync(page, "editor-nuovo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva il flusso" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Salvata la versione 1" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Grafo del flusso «Pagina pubblicata»" })).ToBeVisibleAsync();
        await Expect(page.GetByText("da «Contenuto pubblicato (pubblicata)», con esito «Fatto», a «Registra la pubblicazione»")).ToBeVisibleAsync();
        await ShotAsync(page, "flusso");

        // A page is published: the workflow runs on the zone's jobs.
        await page.GotoAsync($"/{Zone}/admin/contents/new/Pagina");
        await page.GetByLabel("Titolo").FillAsync("Orari dello sportello");
        await page.GetByLabel("Indirizzo").FillAsync("orari-sportello");
        await page.GetByLabel("Corpo").FillAsync("Aperto il martedì.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva e pubblica" }).ClickAsync();
        await Expect(page.GetByText("Pubblicato", new() { Exact = true })).ToBeVisibleAsync();

        // The instance, finished, with its history.
        // The page is drawn on the server: look again until the job has run.
        var finished = page.Locator("[data-counts=PaginaPubblicata] [data-status=finished]");
        for (var until = DateTime.UtcNow.AddSeconds(40); ; await Task.Delay(500))
        {
            await page.GotoAsync($"/{Zone}/admin/workflows");
            if (await finished.TextContentAsync() == "1" || DateTime.UtcNow > until)
            {
                break;
            }
        }

        await Expect(finished).ToHaveTextAsync("1");
        await ShotAsync(page, "elenco");
        await page.GetByRole(AriaRole.Link, new() { Name = "Concluse: 1" }).ClickAsync();
        await Expect(page.Locator("tr[data-status=finished]")).ToHaveCountAsync(1);
        await ShotAsync(page, "istanze");
        await page.Locator("tr[data-status=finished] a").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Istanza di «Pagina pubblicata»");
        await Expect(page.Locator("[data-status=finished]").First).ToHaveTextAsync("Concluso");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Orari dello sportello" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-activity=pubblicata][data-outcome=done]")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-activity=registra][data-outcome=done]")).ToHaveCountAsync(1);
        await ShotAsync(page, "istanza");
        var instanceUrl = page.Url;

        // The audit trail has the line the workflow wrote.
        await page.GotoAsync($"/{Zone}/admin/audit");
        await Expect(page.GetByText("Pubblicata la pagina Orari dello sportello")).ToBeVisibleAsync();

        // A refused save, to photograph the messages at their activity.
        await page.GotoAsync($"/{Zone}/admin/workflows/PaginaPubblicata/edit");
        await page.Locator("#act-1").GetByLabel("Opzioni (JSON)").FillAsync("{ \"message\": \"Pubblicata {pagina}\" }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva il flusso" }).ClickAsync();
        await Expect(page.Locator("#act-1-options-error")).ToContainTextAsync("il segnaposto «{pagina}» non esiste");
        await ShotAsync(page, "editor-errori");
        await page.GotoAsync($"/{Zone}/admin/workflows/PaginaPubblicata/edit?vista=json");
        await ShotAsync(page, "editor-json");

        // Every page at phone width too.
        var phone = await SignInAsync(390);
        foreach (var (name, path) in new[]
        {
            ("elenco", $"/{Zone}/admin/workflows"),
            ("flusso", $"/{Zone}/admin/workflows/PaginaPubblicata"),
            ("editor", $"/{Zone}/admin/workflows/PaginaPubblicata/edit"),
            ("editor-json", $"/{Zone}/admin/workflows/PaginaPubblicata/edit?vista=json"),
            ("istanze", $"/{Zone}/admin/workflows/instances"),
            ("istanza", new Uri(instanceUrl).PathAndQuery),
        })
        {
            await phone.GotoAsync(path);
            var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await ShotAsync(phone, name, 390);
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 390px screen");
        }

        await page.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    private static async Task ShotAsync(IPage page, string name, int width = 1280)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
        await E2EApp.ScreenshotAsync(page, $"flussi-{name}-{width}");
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

    private async Task EnsureZoneAsync()
    {
        var zones = app.Services.GetRequiredService<ZoneManager>();
        var registry = app.Services.GetRequiredService<ZonaWelfare.Abstractions.Zones.IZoneRegistry>();
        if (await registry.FindBySlugAsync(Zone) is not null)
        {
            return;
        }

        var recipe = RecipeDocument.Parse("""
            {
              "name": "flussi-e2e", "displayName": "Flussi (prova)", "version": "1",
              "steps": [
                { "name": "zone", "displayName": "Zona dei flussi", "comuni": [ "Alto" ] },
                { "name": "features", "enable": [ "contents", "workflows" ] },
                { "name": "contentTypes", "types": [ {
                  "name": "Pagina", "displayName": "Pagina", "parts": [ "TitlePart", "AutoroutePart" ],
                  "settings": { "creatable": true, "draftable": true, "listable": true, "routePattern": "{slug}" },
                  "fields": [ { "name": "Corpo", "displayName": "Corpo", "type": "markdown" } ] } ] }
              ]
            }
            """, "flussi-e2e.recipe.json");
        await zones.CreateAsync(Zone, recipe, "e2e");
    }
}
