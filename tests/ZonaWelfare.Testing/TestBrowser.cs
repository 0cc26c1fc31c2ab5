using Microsoft.Playwright;

namespace ZonaWelfare.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright's own browser download is not available here),
/// with the flags that keep it off the network and working as root in a container.
/// </summary>
public static class TestBrowser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
}
