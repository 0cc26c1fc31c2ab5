using System.Reflection;
using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Modules.Search;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// The "raw Lucene" baseline: the Search module's own query code (<c>ZoneSearch.Run</c>: Italian analysis, the
/// zone's synonyms, the text query over every text field, filters, the four facets, ranking, the fuzzy fallback
/// with "did you mean", snippets of the page of hits) over an <see cref="IndexSearcher"/> opened directly on the
/// zone's current index generation, with BM25 as the module does. What it leaves out is everything around that
/// call in a request: the catch-up check and the synonyms read from the zone's database, MVC, Razor, Kestrel.
/// The module's types are internal, so they are bound once by reflection (a bench-only shortcut; the call itself
/// is a plain delegate invoke).
/// </summary>
internal sealed class RawLuceneSearch : IDisposable
{
    private const string SearchNamespace = "ZonaWelfare.Modules.Search.";

    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly IDisposable _analyzers;
    private readonly object _zoneSearch;
    private readonly MethodInfo _run;

    public RawLuceneSearch(string zoneFolder, string zoneDatabase, int fuzzyThreshold)
    {
        var assembly = typeof(SearchModule).Assembly;
        var analyzersType = Type(assembly, "Analysis.SearchAnalyzers");
        var synonymSetType = Type(assembly, "Querying.SynonymSet");
        var zoneSearchType = Type(assembly, "Querying.ZoneSearch");

        var searchFolder = Path.Combine(zoneFolder, "search");
        var generation = File.ReadAllText(Path.Combine(searchFolder, "current")).Trim();
        _directory = FSDirectory.Open(Path.Combine(searchFolder, generation));
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _analyzers = (IDisposable)Activator.CreateInstance(analyzersType)!;
        var text = (Analyzer)analyzersType.GetProperty("Text")!.GetValue(_analyzers)!;
        var compile = synonymSetType.GetMethod("Compile", BindingFlags.Public | BindingFlags.Static)!;
        var synonyms = compile.Invoke(null, [ReadSynonyms(zoneDatabase), text])!;
        _zoneSearch = Activator.CreateInstance(zoneSearchType, _searcher, _analyzers, synonyms, fuzzyThreshold)!;
        _run = zoneSearchType.GetMethod("Run", BindingFlags.Public | BindingFlags.Instance)!;
        Generation = generation;
    }

    public string Generation { get; }

    public int Documents => _reader.NumDocs;

    public SearchResults Search(SearchQuery query) => (SearchResults)_run.Invoke(_zoneSearch, [query])!;

    public void Dispose()
    {
        _analyzers.Dispose();
        _reader.Dispose();
        _directory.Dispose();
    }

    /// <summary>The zone's synonym groups as the module stores them (<c>search_synonyms</c>, a JSON array per row).</summary>
    private static List<IReadOnlyList<string>> ReadSynonyms(string zoneDatabase)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = zoneDatabase, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Terms FROM search_synonyms ORDER BY Position";
        using var rows = command.ExecuteReader();
        var groups = new List<IReadOnlyList<string>>();
        while (rows.Read())
        {
            groups.Add(JsonSerializer.Deserialize<List<string>>(rows.GetString(0)) ?? []);
        }

        return groups;
    }

    private static Type Type(Assembly assembly, string name) =>
        assembly.GetType(SearchNamespace + name) ?? throw new InvalidOperationException($"{SearchNamespace}{name} non trovato: il modulo Search è cambiato, aggiorna il benchmark.");
}
