using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Core.Hosting;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>What stops the shipped host at start, before it serves anything or sets up a zone.</summary>
public sealed class HostStartupTests
{
    [Fact]
    public void A_typo_in_a_permission_name_stops_the_host()
    {
        using var folder = new TempFolder();
        using var app = Host(folder, services => services.AddZoneModule(new TypoModule()));

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("'ManageUser'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("/typo", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "zones")), "No zone was set up by a host that did not start.");
    }

    [Fact]
    public void A_service_the_container_cannot_build_stops_the_host_in_testing()
    {
        using var folder = new TempFolder();
        using var app = Host(folder, services => services.AddScoped<NeedsUnregistered>());

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(nameof(NeedsUnregistered), error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "zones")), "No zone was set up by a host that did not start.");
    }

    private static WebApplicationFactory<Program> Host(TempFolder folder, Action<IServiceCollection> configure) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(ZonaWelfareHostingExtensions.TestingEnvironment);
            builder.UseSetting("Storage:DataPath", folder.Path);
            builder.ConfigureTestServices(configure);
        });

    private sealed class Unregistered;

    private sealed class NeedsUnregistered(Unregistered dependency)
    {
        public Unregistered Dependency { get; } = dependency;
    }

    private sealed class TypoModule : ZoneModule
    {
        public override ModuleManifest Manifest { get; } = new("typo", "Refuso", "Un endpoint che sbaglia il nome di un permesso.");

        public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapGet("/typo", () => "").RequireZonePermission("ManageUser");
    }
}
