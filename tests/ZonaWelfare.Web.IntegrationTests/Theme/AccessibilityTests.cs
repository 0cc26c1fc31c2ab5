using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace ZonaWelfare.Web.IntegrationTests.Theme;

/// <summary>The shipped host on a real port, and one headless Debian Chromium shared by the tests.</summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private IPlaywright? _playwright;

    public BrowserApp() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public async Task InitializeAsync()
    {
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await TestBrowser.LaunchAsync(_playwright);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        _folder.Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", nameof(StorageKind.Sqlite));
        builder.UseSetting("Storage:DataPath", _folder.Path);
        builder.UseSetting("Platform:AdminPassword", ZonaWelfareApp.AdminPassword);
    }
}

/// <summary>axe-core finds no WCAG 2.1 A/AA violation on the public and login pages, at desktop and phone widths.</summary>
public sealed class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static TheoryData<string, int> Pages()
    {
        var data = new TheoryData<string, int>();
        foreach (var path in new[] { "/", "/livornese/", "/grossetana/", "/livornese/opendata", "/admin/login", "/livornese/pagina-inesistente" })
        {
            data.Add(path, 1366);
            data.Add(path, 390);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_WCAG_21_AA_violations(string path, int width)
    {
        await using var context = await NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        var result = await page.RunAxe(Wcag21AA);

        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})");
        Assert.True(result.Violations.Length == 0, $"{path} at {width}px:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task On_a_phone_the_menu_button_opens_the_zone_navigation()
    {
        await using var context = await NewContextAsync(390);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/livornese/").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        var openData = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigazione principale" }).GetByRole(AriaRole.Link, new() { Name = "Dati aperti" });
        Assert.False(await openData.IsVisibleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Mostra o nascondi il menu" }).ClickAsync();

        await Assertions.Expect(openData).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_skip_link_appears_on_the_first_tab_and_moves_focus_to_the_content()
    {
        await using var context = await NewContextAsync(1366);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/livornese/").ToString());

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Vai al contenuto principale" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("main#contenuto")).ToBeFocusedAsync();
    }

    private Task<IBrowserContext> NewContextAsync(int width) =>
        app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "it-IT" });
}
