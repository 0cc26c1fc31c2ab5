using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Core.Modules;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Contents.Tests;

/// <summary>A platform with the Contents module and a zone that has the Pagina type.</summary>
internal static class ContentsTestZone
{
    public const string Slug = "prova";

    public const string PaginaType = """
        {
          "name": "Pagina",
          "displayName": "Pagina",
          "parts": [ "TitlePart", "AutoroutePart", "MenuPart" ],
          "settings": { "routePattern": "{slug}" },
          "fields": [ { "name": "Corpo", "displayName": "Corpo", "type": "markdown", "required": true } ]
        }
        """;

    public const string NotaType = """
        {
          "name": "Nota",
          "displayName": "Nota interna",
          "parts": [ "TitlePart" ],
          "settings": { "versionable": false, "listable": true },
          "fields": [ { "name": "Testo", "displayName": "Testo", "type": "text", "maxLength": 20 } ]
        }
        """;

    public static string Recipe(string extraSteps = "") => $$"""
        {
          "name": "prova",
          "displayName": "Prova",
          "version": "1",
          "steps": [
            { "name": "zone", "displayName": "Zona di Prova", "comuni": [ "Alfa" ] },
            { "name": "features", "enable": [ "contents" ] },
            { "name": "contentTypes", "types": [ {{PaginaType}}, {{NotaType}} ] }{{extraSteps}}
          ]
        }
        """;

    /// <summary>The modules the host ships (Contents and the modules it depends on), as the host finds them.</summary>
    public static IReadOnlyList<ZoneModule> ShippedModules() => ModuleCatalog.Discover(typeof(Program).Assembly);

    public static async Task<TestPlatform> StartAsync(StorageKind kind, Action<IServiceCollection>? configure = null)
    {
        var platform = await TestPlatform.StartAsync(kind, ShippedModules(), configure);
        await platform.Zones.CreateAsync(Slug, TestPlatform.Recipe(Recipe()), "test");
        return platform;
    }

    /// <summary>A scope inside the zone, as a request or job would have.</summary>
    public static async Task<IZoneScope> ScopeAsync(this TestPlatform platform, string slug = Slug)
    {
        var zone = await platform.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException("no zone " + slug);
        return await platform.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
    }

    public static async Task<ContentItem> NewPageAsync(IContentManager manager, string title, string body, string? slug = null, bool showInMenu = false)
    {
        var item = await manager.NewAsync("Pagina");
        item.Content["TitlePart"] = new System.Text.Json.Nodes.JsonObject { ["title"] = title };
        item.Content["AutoroutePart"] = new System.Text.Json.Nodes.JsonObject { ["slug"] = slug };
        item.Content["MenuPart"] = new System.Text.Json.Nodes.JsonObject { ["showInMenu"] = showInMenu, ["order"] = 10 };
        item.Content["Pagina"] = new System.Text.Json.Nodes.JsonObject { ["Corpo"] = body };
        return item;
    }
}
