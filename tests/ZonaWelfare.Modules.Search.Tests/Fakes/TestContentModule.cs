using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Search;

namespace ZonaWelfare.Modules.Search.Tests.Fakes;

/// <summary>Test stand-in for the Contents module plus a catalogue module that indexes its <c>Servizio</c> items.</summary>
public sealed class TestContentModule : ZoneModule
{
    // Stands in for the Contents module, which the Search module depends on.
    public const string Id = "contents";
    public const string ServiceType = "Servizio";

    public override ModuleManifest Manifest { get; } = new(Id, "Contenuti di prova", "Contenuti e contributore di prova per la ricerca.");

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddZoneDbContext<TestContentDbContext>(Id);
        services.AddScoped<TestContentManager>();
        services.AddScoped<IContentManager>(sp => sp.GetRequiredService<TestContentManager>());
        services.AddScoped<IContentQuery>(sp => sp.GetRequiredService<TestContentManager>());
        services.AddSingleton<ISearchDocumentContributor, ServiceContributor>();
    }

    /// <summary>A test service as the catalogue would describe it.</summary>
    public static ContentItem Service(string id, string title, string description, string[]? areas = null, string? comune = null, (double Lat, double Lon)[]? sedi = null, DateTime? modified = null) => new()
    {
        ContentItemId = id,
        ContentItemVersionId = id,
        ContentType = ServiceType,
        DisplayText = title,
        ModifiedUtc = modified ?? default,
        Content = new JsonObject
        {
            [ServiceType] = new JsonObject
            {
                ["Descrizione"] = description,
                ["Aree"] = new JsonArray((areas ?? []).Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
                ["Comune"] = comune,
                ["Sedi"] = new JsonArray((sedi ?? []).Select(s => (JsonNode)new JsonObject { ["Lat"] = s.Lat, ["Lon"] = s.Lon }).ToArray()),
            },
        },
    };

    /// <summary>A page: a content type no contributor indexes.</summary>
    public static ContentItem Page(string id, string title) => new()
    {
        ContentItemId = id,
        ContentItemVersionId = id,
        ContentType = "Pagina",
        DisplayText = title,
        Content = new JsonObject { ["Pagina"] = new JsonObject { ["Corpo"] = title } },
    };

    private sealed class ServiceContributor : ISearchDocumentContributor
    {
        public string ModuleId => Id;

        public bool CanIndex(ContentItem item) => item.ContentType == ServiceType;

        public Task ContributeAsync(ContentItem item, SearchDocument document, CancellationToken cancellationToken)
        {
            var part = item.Content[ServiceType]!;
            document.AddText("title", item.DisplayText, boost: 3f)
                .AddText("description", part["Descrizione"]?.GetValue<string>())
                .AddKeyword("comune", part["Comune"]?.GetValue<string>())
                .AddStored("url", "/servizi/" + item.ContentItemId);
            foreach (var area in part["Aree"]!.AsArray())
            {
                document.AddKeyword("area", area!.GetValue<string>());
            }

            foreach (var sede in part["Sedi"]!.AsArray())
            {
                document.AddLocation("sede", sede!["Lat"]!.GetValue<double>(), sede["Lon"]!.GetValue<double>());
            }

            return Task.CompletedTask;
        }
    }
}
