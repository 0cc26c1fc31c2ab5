using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Modules.Search.Data;
using ZonaWelfare.Modules.Search.Indexing;
using ZonaWelfare.Modules.Search.Tests.Fakes;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>Reads a zone's index from disk and its database, to compare them.</summary>
public static class IndexInspector
{
    /// <summary>The committed watermark and every document (id → stored values) of the zone's current index generation.</summary>
    public static (long Watermark, SortedDictionary<string, string> Documents) Read(SearchHost host, string slug)
    {
        var folder = Path.Combine(host.DataRoot, "zones", slug, "search");
        var pointer = Path.Combine(folder, "current");
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(pointer))
        {
            return (0, documents);
        }

        using var directory = FSDirectory.Open(Path.Combine(folder, File.ReadAllText(pointer).Trim()));
        using var reader = DirectoryReader.Open(directory);
        var watermark = long.Parse(reader.IndexCommit.UserData[ZoneIndex.LastTaskIdKey], CultureInfo.InvariantCulture);
        var live = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is null || live.Get(doc))
            {
                var document = reader.Document(doc);
                documents[document.Get(IndexFields.Id)] = string.Join("; ", document.Fields.Select(f => f.Name + "=" + f.GetStringValue()).Order(StringComparer.Ordinal));
            }
        }

        return (watermark, documents);
    }

    /// <summary>Ids of the zone's published items of the indexed type, from the database.</summary>
    public static Task<List<string>> PublishedServicesAsync(SearchHost host, string slug) =>
        host.InZoneAsync(slug, services => services.GetRequiredService<TestContentDbContext>().Items
            .Where(i => i.Published && !i.Removed && i.ContentType == TestContentModule.ServiceType)
            .Select(i => i.ContentItemId).OrderBy(i => i).ToListAsync());

    public static Task<long> LastTaskIdAsync(SearchHost host, string slug) =>
        host.InZoneAsync(slug, async services => await services.GetRequiredService<SearchDbContext>().Tasks.MaxAsync(t => (long?)t.Id) ?? 0);

    public static Task<int> TaskCountAsync(SearchHost host, string slug) =>
        host.InZoneAsync(slug, services => services.GetRequiredService<SearchDbContext>().Tasks.CountAsync());
}
