using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Data;
using ZonaWelfare.Modules.Search.Indexing;
using ZonaWelfare.Modules.Search.Querying;
using ZonaWelfare.Modules.Search.Recipes;

namespace ZonaWelfare.Modules.Search;

/// <summary>
/// Search: one Lucene.Net index per zone with Italian analysis and the zone's synonyms, facets, typo
/// tolerance, autocomplete, snippets and distance sorting, kept in step with the database by a durable
/// indexing log. Other modules fill engine-neutral documents through <see cref="ISearchDocumentContributor"/>
/// and search through <see cref="ISearchService"/>; only this module knows Lucene.
/// </summary>
public sealed class SearchModule : ZoneModule
{
    public const string Id = "search";

    public override ModuleManifest Manifest { get; } = new(Id, "Ricerca", "Indice di ricerca della zona: analisi dell'italiano, sinonimi, filtri e suggerimenti.", dependsOn: ["contents"]);

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddZoneDbContext<SearchDbContext>(Id);
        services.AddSingleton<SearchAnalyzers>();
        services.AddSingleton<ZoneIndexManager>();
        services.AddSingleton<ZoneIndexer>();
        services.AddSingleton<IndexingSignal>();
        services.AddSingleton<SynonymProvider>();
        services.AddSingleton<IZoneReleaseHandler, SearchZoneRelease>();
        services.AddScoped<IndexingTaskStore>();
        services.AddScoped<IContentHandler, SearchContentHandler>();
        services.AddScoped<ISearchService, SearchService>();
        services.AddScoped<ISearchIndexAdmin, SearchIndexAdmin>();
        services.AddSingleton<IRecipeStep, SearchIndexesStep>();
        services.AddHostedService<BackgroundIndexer>();
    }
}
