using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Drivers;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Recipes;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents;

/// <summary>
/// Contents: content types of parts and fields per zone, items with drafts, versions and publication,
/// the admin editor generated from the definitions, the audit trail and the public pages.
/// </summary>
public sealed class ContentsModule : ZoneModule
{
    public const string Id = ContentsIds.Module;

    public override ModuleManifest Manifest { get; } = new(Id, "Contenuti", "Tipi di contenuto, pagine con bozze, versioni e pubblicazione, registro delle attività.", dependsOn: ["users"]);

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddZoneDbContext<ContentsDbContext>(Id);
        services.AddContentPart<TitlePart>(Id, "Titolo", "Il titolo del contenuto.");
        services.AddContentPart<AutoroutePart>(Id, "Indirizzo", "L'indirizzo pubblico, secondo lo schema del tipo.");
        services.AddContentPart<MenuPart>(Id, "Menu", "Mostra il contenuto pubblicato nel menu del sito.");

        services.AddSingleton<ContentShape>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<IMarkdownRenderer>(sp => sp.GetRequiredService<MarkdownRenderer>());
        services.AddSingleton<ReservedRoutes>();
        services.AddScoped<ContentOperation>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<ContentValidator>();
        services.AddScoped<ContentIndexer>();
        services.AddScoped<ContentManager>();
        services.AddScoped<IContentManager>(sp => sp.GetRequiredService<ContentManager>());
        services.AddScoped<IContentQuery, ContentQuery>();
        services.AddScoped<MediaStore>();
        services.AddScoped<ContentDisplayBuilder>();
        services.AddScoped<ContentPageBuilder>();
        services.AddScoped<ContentPartDrivers>();
        services.AddScoped<ContentPartValidators>();
        services.AddScoped<IContentMetadata, ContentMetadata>();
        services.AddContentPartDriver<TitlePartDriver>();
        services.AddContentPartDriver<AutoroutePartDriver>();
        services.AddContentPartDriver<MenuPartDriver>();
        services.AddDisplaySlotContributor<ContentItem, ContentFieldsSlot>();
        services.AddScoped<ContentEditor>();
        services.AddScoped<ContentTypeService>();
        services.AddScoped<AuditTrailHandler>();
        services.AddScoped<IContentHandler>(sp => sp.GetRequiredService<AuditTrailHandler>());
        services.AddScoped<IRecipeContentTypes, RecipeContentTypes>();
        services.AddScoped<IContentAuditTrail>(sp => sp.GetRequiredService<AuditTrailHandler>());

        services.AddScoped<RecipeContentPlan>();

        services.AddSingleton<IPermissionProvider, ContentsPermissions>();
        services.AddSingleton<IAdminMenuProvider, ContentsAdminMenu>();
        services.AddScoped<INavigationProvider, ContentsNavigationProvider>();
        services.AddSingleton<IRecipeStep, TaxonomiesStep>();
        services.AddSingleton<IRecipeStep, ContentTypesStep>();
        services.AddSingleton<IRecipeStep, ContentStep>();
    }

    public override void MapZoneEndpoints(IEndpointRouteBuilder zone) =>
        zone.MapGet("/media/{**path}", async (string path, MediaStore media, HttpContext http, CancellationToken ct) =>
        {
            if (await media.FindAsync(path, ct) is not { } file)
            {
                return Results.NotFound();
            }

            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
            headers.CacheControl = "public, max-age=31536000, immutable";
            var inline = file.Record.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.Record.ContentType == "application/pdf";
            return Results.File(file.FullPath, file.Record.ContentType, inline ? null : file.Record.FileName, enableRangeProcessing: true);
        });
}
