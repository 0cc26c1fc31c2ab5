using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Security;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Core.Tests;

/// <summary>
/// How the platform composes MVC and the container: internal controllers and view components of module
/// assemblies are found, permissions named by endpoints must exist, and the container is checked at start.
/// </summary>
public sealed class PlatformHostingTests
{
    [Fact]
    public void Internal_controllers_and_view_components_of_a_module_assembly_are_found()
    {
        // This test assembly holds a module (HostingTestModule), so its internal types count as a module's.
        var (controllers, components) = Discover(typeof(PlatformHostingTests).Assembly);

        Assert.Contains(typeof(InternalSampleController), controllers);
        Assert.Contains(typeof(InternalSampleViewComponent), components);
        Assert.DoesNotContain(typeof(AbstractSampleController), controllers);
        Assert.DoesNotContain(typeof(Outer.NestedController), controllers);
    }

    [Fact]
    public void An_assembly_without_a_module_keeps_mvcs_rule_only_public_controllers()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Package.WithoutModules"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("main");
        Type Controller(string name, TypeAttributes visibility)
        {
            var type = module.DefineType(name, visibility | TypeAttributes.Sealed | TypeAttributes.Class, typeof(Controller));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            return type.CreateType();
        }

        var helper = Controller("Package.HelperController", TypeAttributes.NotPublic);
        var published = Controller("Package.PublishedController", TypeAttributes.Public);

        var (controllers, _) = Discover(assembly);

        Assert.DoesNotContain(helper, controllers);
        Assert.Contains(published, controllers);
    }

    [Fact]
    public void An_endpoint_that_names_an_undeclared_permission_is_refused_with_its_name_and_address()
    {
        var (app, endpoints) = MapModules(new UnknownPermissionModule());

        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<DeclaredPermissions>().VerifyEndpoints(endpoints));

        Assert.Contains("'ManageNothing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nothing", error.Message, StringComparison.Ordinal);
        Assert.Contains(CorePermissions.AccessAdminName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_that_name_declared_permissions_pass()
    {
        var (app, endpoints) = MapModules(new DeclaredPermissionModule());

        app.Services.GetRequiredService<DeclaredPermissions>().VerifyEndpoints(endpoints);

        var endpoint = endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == "/something");
        Assert.Equal(CorePermissions.AccessAdminName, endpoint.Metadata.GetRequiredMetadata<ZonePermissionAttribute>().Permission);
    }

    [Fact]
    public async Task A_permission_policy_requires_the_declared_permission_from_either_cookie()
    {
        var app = Build();
        var policies = app.Services.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();

        var policy = await policies.GetPolicyAsync(ZonePermissionAttribute.PolicyPrefix + CorePermissions.AccessAdminName);

        Assert.NotNull(policy);
        Assert.Equal([ZoneAuthentication.ZoneScheme, ZoneAuthentication.PlatformScheme], policy.AuthenticationSchemes);
        Assert.Equal(CorePermissions.AccessAdmin, Assert.Single(policy.Requirements.OfType<PermissionRequirement>()).Permission);
        await Assert.ThrowsAsync<InvalidOperationException>(() => policies.GetPolicyAsync(ZonePermissionAttribute.PolicyPrefix + "Typo"));
    }

    [Fact]
    public async Task A_service_whose_dependency_is_not_registered_stops_the_host_when_it_is_built()
    {
        var error = await Assert.ThrowsAsync<AggregateException>(() =>
            TestPlatform.StartAsync(StorageKind.Sqlite, [], services => services.AddSingleton<NeedsUnregistered>()));

        Assert.Contains(nameof(NeedsUnregistered), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Unregistered), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_singleton_that_captures_a_scoped_service_stops_the_host_when_it_is_built()
    {
        var error = await Assert.ThrowsAsync<AggregateException>(() =>
            TestPlatform.StartAsync(StorageKind.Sqlite, [], services => services.AddSingleton<CapturesZoneContext>()));

        Assert.Contains(nameof(CapturesZoneContext), error.Message, StringComparison.Ordinal);
        Assert.Contains("scoped", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static (IList<TypeInfo> Controllers, IList<TypeInfo> Components) Discover(params Assembly[] assemblies)
    {
        var builder = new ServiceCollection().AddControllersWithViews();
        var parts = builder.PartManager;
        parts.ApplicationParts.Clear();
        foreach (var assembly in assemblies)
        {
            parts.ApplicationParts.Add(new AssemblyPart(assembly));
        }

        // The providers as the platform installs them.
        var assembliesOfPlatform = new PlatformAssemblies();
        parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single());
        parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ViewComponentFeatureProvider>().Single());
        parts.FeatureProviders.Add(new PlatformControllerFeatureProvider(assembliesOfPlatform));
        parts.FeatureProviders.Add(new PlatformViewComponentFeatureProvider(assembliesOfPlatform));
        var controllers = new ControllerFeature();
        var components = new ViewComponentFeature();
        parts.PopulateFeature(controllers);
        parts.PopulateFeature(components);
        return (controllers.Controllers, components.ViewComponents);
    }

    /// <summary>The modules' endpoints, mapped as <c>UseZonaWelfare</c> maps them (which also needs the host's static assets).</summary>
    private static (WebApplication App, IReadOnlyList<Endpoint> Endpoints) MapModules(params ZoneModule[] modules)
    {
        var app = Build(modules);
        foreach (var module in modules)
        {
            module.MapZoneEndpoints(app);
        }

        return (app, ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList());
    }

    private static WebApplication Build(params ZoneModule[] modules)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = ZonaWelfareHostingExtensions.TestingEnvironment });
        builder.Logging.ClearProviders();
        builder.AddZonaWelfare(typeof(ZoneManager).Assembly);
        foreach (var module in modules)
        {
            builder.Services.AddZoneModule(module);
        }

        return builder.Build();
    }

    private sealed class UnknownPermissionModule : ZoneModule
    {
        public override ModuleManifest Manifest { get; } = new("unknown-permission", "Permesso sconosciuto", "Un endpoint con un permesso che nessuno dichiara.");

        public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapGet("/nothing", () => "").RequireZonePermission("ManageNothing");
    }

    private sealed class DeclaredPermissionModule : ZoneModule
    {
        public override ModuleManifest Manifest { get; } = new("declared-permission", "Permesso dichiarato", "Un endpoint con un permesso della piattaforma.");

        public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapGet("/something", () => "").RequireZonePermission(CorePermissions.AccessAdminName);
    }

    private sealed class Unregistered;

    private sealed class NeedsUnregistered(Unregistered dependency)
    {
        public Unregistered Dependency { get; } = dependency;
    }

    private sealed class CapturesZoneContext(Abstractions.Zones.IZoneContext zone)
    {
        public Abstractions.Zones.IZoneContext Zone { get; } = zone;
    }
}

/// <summary>Makes this test assembly a module assembly, as far as controller discovery is concerned.</summary>
internal sealed class HostingTestModule : ZoneModule
{
    public override ModuleManifest Manifest { get; } = new("hosting-test", "Prova", "Modulo di prova per la scoperta dei controller.");
}

internal sealed class InternalSampleController : Controller
{
    public IActionResult Index() => Ok();
}

internal abstract class AbstractSampleController : Controller;

internal sealed class Outer
{
    internal sealed class NestedController : Controller;
}

internal sealed class InternalSampleViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => Content(ViewComponentContext.ViewComponentDescriptor.ShortName);
}
