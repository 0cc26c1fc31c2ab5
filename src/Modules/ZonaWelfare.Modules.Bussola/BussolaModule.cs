using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Modules.Bussola.Api;
using ZonaWelfare.Modules.Bussola.Data;
using ZonaWelfare.Modules.Bussola.Drivers;
using ZonaWelfare.Modules.Bussola.Models;
using ZonaWelfare.Modules.Bussola.Services;
using ZonaWelfare.Modules.Bussola.Workflows;

namespace ZonaWelfare.Modules.Bussola;

/// <summary>
/// Bussola dei servizi: the zone's public catalogue of services. Services, organizations and locations
/// are content items whose typed parts this module offers; it keeps index tables for them and fills
/// their search documents.
/// </summary>
public sealed class BussolaModule : ZoneModule
{
    public const string Id = "bussola";

    public override ModuleManifest Manifest { get; } = new(Id, "Bussola dei servizi", "Catalogo pubblico dei servizi sociali e sanitari della zona.", dependsOn: ["contents", "search"]);

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddContentPart<ServicePart>(Id, "Servizio", "Scheda di un servizio: a chi si rivolge, come si accede, cosa serve, contatti.");
        services.AddContentPart<OrganizationPart>(Id, "Ente", "Ente che offre servizi: Comune, ASL, SdS o ente del Terzo settore.");
        services.AddContentPart<LocationPart>(Id, "Sede", "Sede di un servizio: indirizzo, comune, coordinate, orari, accessibilità.");
        services.AddZoneDbContext<BussolaDbContext>(Id);
        services.AddZoneSettingsSection<BussolaSettings>(BussolaSettings.SectionName, Id);
        services.AddZoneNavigation(new NavigationItem(Id, "Bussola dei servizi", "bussola", Order: 200));
        services.AddContentHandler<BussolaContentHandler>();
        services.AddContentPartDriver<ServicePartDriver>();
        services.AddContentPartDriver<OrganizationPartDriver>();
        services.AddContentPartDriver<LocationPartDriver>();
        services.AddContentPartValidator<ServicePartValidator>();
        services.AddContentPartValidator<OrganizationPartValidator>();
        services.AddContentPartValidator<LocationPartValidator>();
        services.AddScoped<ISearchDocumentContributor, ServiceSearchContributor>();
        services.AddScoped<ServiceReader>();
        services.AddScoped<ServiceCatalogue>();
        services.AddOpenApi(BussolaApi.DocumentName, BussolaOpenApi.Configure);
        services.AddWorkflowActivity<NotifyServiceOrganizationActivity>();
    }

    /// <summary>The public HSDS-style API at <c>/api/{zone}/…</c>.</summary>
    public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapBussolaApi();
}
