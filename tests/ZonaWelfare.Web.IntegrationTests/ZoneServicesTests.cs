using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// Every service of the platform and its modules resolves inside a zone scope, and quickly. The container's own
/// validation does not look inside factory registrations, where a cycle (a content handler needing the content
/// manager that is built with its handlers) hangs the first request instead of failing.
/// </summary>
public sealed class ZoneServicesTests(ZoneServicesTests.CapturingApp app) : IClassFixture<ZoneServicesTests.CapturingApp>
{
    [Fact]
    public async Task Every_service_of_the_platform_and_its_modules_resolves_in_a_zone_scope_without_a_cycle()
    {
        var types = app.Descriptors
            .Where(d => d.ServiceType.Namespace?.StartsWith("ZonaWelfare", StringComparison.Ordinal) == true && !d.ServiceType.IsGenericTypeDefinition)
            .Select(d => d.ServiceType)
            .Distinct()
            .ToList();
        Assert.True(types.Count > 50, $"Only {types.Count} services found: the capture missed the registrations.");
        var failures = new List<string>();

        var zone = (await app.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync("livornese"))!;
        var scopes = app.Services.GetRequiredService<IZoneScopeFactory>();
        foreach (var type in types)
        {
            // A cycle through a factory deadlocks on the scope's lock and never returns: each resolution gets a
            // scope of its own and a deadline; a stuck one is abandoned with its scope.
            var resolution = Task.Run(async () =>
            {
                await using var scope = await scopes.CreateScopeAsync(zone);
                _ = scope.ServiceProvider.GetServices(type).ToList();
            });
            if (await Task.WhenAny(resolution, Task.Delay(TimeSpan.FromSeconds(10))) != resolution)
            {
                failures.Add($"{type.FullName}: not resolved within 10 s (a dependency cycle?)");
            }
            else if (resolution.Exception is { } error)
            {
                failures.Add($"{type.FullName}: {error.InnerException?.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The shipped host (with the test modules), remembering what was registered.</summary>
    public sealed class CapturingApp() : ZonaWelfareApp(ZonaWelfare.Testing.StorageKind.Sqlite)
    {
        public IReadOnlyList<ServiceDescriptor> Descriptors { get; private set; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => Descriptors = [.. services]);
        }
    }
}
