using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using ZonaWelfare.Testing;

namespace ZonaWelfare.E2E.Tests;

/// <summary>
/// The real host on a real Kestrel port (first run done: Livornese and Grossetana), and one Chromium
/// shared by the collection: Debian's browser, since Playwright's own download is not available here.
/// </summary>
public sealed class E2EApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Prova-Amministratore-2026";

    private readonly TempFolder _folder = new();
    private IPlaywright? _playwright;

    public E2EApp() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>Screenshots go to the test output folder, e.g. <c>bin/Release/net10.0/screenshots</c>.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await TestBrowser.LaunchAsync(_playwright);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        _folder.Dispose();
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "it-IT",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", _folder.Path);
        builder.UseSetting("Platform:AdminPassword", AdminPassword);
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EApp>
{
    public const string Name = "browser";
}
