using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;
using static Microsoft.Playwright.Assertions;

namespace ZonaWelfare.E2E.Tests;

/// <summary>
/// An editor writes a page, a Redattore cannot publish it, the Ufficio di Piano publishes it, and an
/// anonymous citizen reads it: clicked through in Chromium like people would.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class EditorFlowTests(E2EApp app)
{
    private const string Password = "Prova-Redazione-2026";

    [Fact]
    public async Task A_redattore_drafts_a_page_the_ufficio_di_piano_publishes_it_and_citizens_read_it()
    {
        await EnsureEditorsAsync();

        // The Redattore writes a draft and is not offered publishing.
        var redattore = await SignInAsync("rita.redattrice");
        await redattore.GotoAsync("/livornese/admin/contents/new/Pagina");
        await redattore.GetByLabel("Titolo").FillAsync("Orari estivi degli sportelli");
        await redattore.GetByLabel("Indirizzo").FillAsync("orari-estivi");
        await redattore.GetByLabel("Corpo").FillAsync("Dal **1° luglio** gli sportelli sociali aprono dalle 8:30 alle 12:30.");
        await Expect(redattore.GetByRole(AriaRole.Button, new() { Name = "Salva e pubblica" })).ToHaveCountAsync(0);
        await redattore.GetByRole(AriaRole.Button, new() { Name = "Salva bozza" }).ClickAsync();
        await Expect(redattore.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Orari estivi degli sportelli");
        await Expect(redattore.GetByText("Non pubblicato")).ToBeVisibleAsync();
        await Expect(redattore.GetByRole(AriaRole.Button, new() { Name = "Pubblica l'ultima versione" })).ToHaveCountAsync(0);
        await E2EApp.ScreenshotAsync(redattore, "editor-bozza-redattore");
        var editUrl = redattore.Url;

        // Citizens cannot see a draft.
        var citizen = await app.NewPageAsync();
        var draft = await citizen.GotoAsync("/livornese/orari-estivi");
        Assert.Equal(404, draft!.Status);

        // The Ufficio di Piano publishes it.
        var ufficio = await SignInAsync("ugo.ufficio");
        await ufficio.GotoAsync(editUrl);
        await ufficio.GetByRole(AriaRole.Button, new() { Name = "Pubblica l'ultima versione" }).ClickAsync();
        await Expect(ufficio.GetByText("Pubblicato", new() { Exact = true })).ToBeVisibleAsync();
        await E2EApp.ScreenshotAsync(ufficio, "editor-pubblicato-ufficio-di-piano");

        // The citizen now reads it, rendered from Markdown, without signing in.
        var published = await citizen.GotoAsync("/livornese/orari-estivi");
        Assert.Equal(200, published!.Status);
        await Expect(citizen.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Orari estivi degli sportelli");
        await Expect(citizen.Locator("main strong", new() { HasText = "1° luglio" })).ToBeVisibleAsync();
        var axe = await citizen.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        await E2EApp.ScreenshotAsync(citizen, "pagina-pubblica");
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

        foreach (var page in new[] { redattore, ufficio, citizen })
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<IPage> SignInAsync(string userName)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/livornese/account/login");
        await page.GetByLabel("Nome utente o e-mail").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Amministrazione");
        return page;
    }

    private async Task EnsureEditorsAsync()
    {
        var recipe = RecipeDocument.Parse($$"""
            { "name": "redazione-e2e", "displayName": "Redazione (prova)", "version": "1", "steps": [ { "name": "users", "users": [
              { "userName": "rita.redattrice", "email": "rita@livornese.test", "roles": [ "Redattore" ], "password": "{{Password}}" },
              { "userName": "ugo.ufficio", "email": "ugo@livornese.test", "roles": [ "Ufficio di Piano" ], "password": "{{Password}}" } ] } ] }
            """, "redazione-e2e.recipe.json");
        await app.Services.GetRequiredService<ZoneManager>().ApplyAsync("livornese", recipe, "e2e");
    }
}
