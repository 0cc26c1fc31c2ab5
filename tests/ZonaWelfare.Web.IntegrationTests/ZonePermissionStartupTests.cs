using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The shipped host does not start when a module's endpoint names a permission no module declares.</summary>
public sealed class ZonePermissionStartupTests
{
    [Fact]
    public void A_typo_in_a_permission_name_stops_the_host_before_it_serves_anything()
    {
        using var folder = new TempFolder();
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(ZonaWelfareHostingExtensions.TestingEnvironment);
            builder.UseSetting("Storage:DataPath", folder.Path);
            builder.ConfigureTestServices(services => services.AddZoneModule(new TypoModule()));
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("'ManageUser'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("/typo", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "zones")), "No zone was set up by a host that did not start.");
    }

    private sealed class TypoModule : ZoneModule
    {
        public override ModuleManifest Manifest { get; } = new("typo", "Refuso", "Un endpoint che sbaglia il nome di un permesso.");

        public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapGet("/typo", () => "").RequireZonePermission("ManageUser");
    }
}
