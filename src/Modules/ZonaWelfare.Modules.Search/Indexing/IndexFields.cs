using System.Buffers.Binary;
using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using ZonaWelfare.Abstractions.Search;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>
/// How an engine-neutral <see cref="SearchDocument"/> maps to Lucene fields. Each kind has its own prefix,
/// so a module may use the same name for a text and a keyword field:
/// <list type="bullet">
/// <item><c>t.name</c>: analysed text, stored (snippets), with the field's boost in its norms;</item>
/// <item><c>k.name</c>: exact value, stored, plus sorted-set doc values for facet counts;</item>
/// <item><c>s.name</c>: stored only; <c>d.name</c>: stored ISO date, <c>dn.name</c>: its ticks, indexed for ranges;</item>
/// <item><c>l.name</c>: stored "lat,lon", <c>ln.name</c>: every point of the field as binary doc values;</item>
/// <item><c>_words</c>: the document's words for autocomplete and "did you mean" (see <c>WordAnalyzer</c>).</item>
/// </list>
/// </summary>
internal static class IndexFields
{
    public const string Id = "_id";
    public const string Type = "_type";
    public const string Words = "_words";
    public const string TextPrefix = "t.";
    public const string KeywordPrefix = "k.";
    public const string StoredPrefix = "s.";
    public const string DatePrefix = "d.";
    public const string DateTicksPrefix = "dn.";
    public const string LocationPrefix = "l.";
    public const string LocationPointsPrefix = "ln.";

    /// <summary>The date field <see cref="SearchQuery.ModifiedAfter"/> filters on.</summary>
    public const string Modified = "modified";

    public static Document ToLucene(SearchDocument source)
    {
        var document = new Document
        {
            new StringField(Id, source.Id, Field.Store.YES),
            new SortedDocValuesField(Id, new BytesRef(source.Id)),
            new StringField(Type, source.Type, Field.Store.YES),
        };
        var points = new Dictionary<string, List<(double Lat, double Lon)>>(StringComparer.Ordinal);
        var words = new List<string>();
        foreach (var field in source.Fields)
        {
            switch (field.Kind)
            {
                case SearchFieldKind.Text:
                    document.Add(new TextField(TextPrefix + field.Name, field.Value, Field.Store.YES) { Boost = field.Boost });
                    words.Add(field.Value);
                    break;
                case SearchFieldKind.Keyword:
                    document.Add(new StringField(KeywordPrefix + field.Name, field.Value, Field.Store.YES));
                    document.Add(new SortedSetDocValuesField(KeywordPrefix + field.Name, new BytesRef(field.Value)));
                    break;
                case SearchFieldKind.Stored:
                    document.Add(new StoredField(StoredPrefix + field.Name, field.Value));
                    break;
                case SearchFieldKind.Date:
                    document.Add(new StoredField(DatePrefix + field.Name, field.Value));
                    document.Add(new Int64Field(DateTicksPrefix + field.Name, ParseDate(field.Value).Ticks, Field.Store.NO));
                    break;
                case SearchFieldKind.Location:
                    document.Add(new StoredField(LocationPrefix + field.Name, field.Value));
                    if (ParsePoint(field.Value) is { } point)
                    {
                        (points.TryGetValue(field.Name, out var list) ? list : points[field.Name] = []).Add(point);
                    }

                    break;
            }
        }

        foreach (var (name, list) in points)
        {
            document.Add(new BinaryDocValuesField(LocationPointsPrefix + name, EncodePoints(list)));
        }

        if (words.Count > 0)
        {
            document.Add(new TextField(Words, string.Join('\n', words), Field.Store.NO));
        }

        return document;
    }

    /// <summary>The stored values of a hit, by the module's own field names.</summary>
    public static Dictionary<string, IReadOnlyList<string>> StoredValues(Document document)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var field in document.Fields)
        {
            var name = field.Name;
            var at = name.IndexOf('.', StringComparison.Ordinal);
            if (at <= 0 || name.StartsWith('_') || field.GetStringValue() is not { } value)
            {
                continue;
            }

            var plain = name[(at + 1)..];
            (values.TryGetValue(plain, out var list) ? list : values[plain] = []).Add(value);
        }

        return values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value, StringComparer.Ordinal);
    }

    public static DateTime ParseDate(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static (double Lat, double Lon)? ParsePoint(string value)
    {
        var parts = value.Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            ? (lat, lon)
            : null;
    }

    public static BytesRef EncodePoints(IReadOnlyList<(double Lat, double Lon)> points)
    {
        var bytes = new byte[points.Count * 16];
        for (var i = 0; i < points.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 16), points[i].Lat);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan((i * 16) + 8), points[i].Lon);
        }

        return new BytesRef(bytes);
    }

    public static IEnumerable<(double Lat, double Lon)> DecodePoints(BytesRef value)
    {
        var result = new List<(double, double)>(value.Length / 16);
        for (var offset = 0; offset + 16 <= value.Length; offset += 16)
        {
            var span = value.Bytes.AsSpan(value.Offset + offset, 16);
            result.Add((BinaryPrimitives.ReadDoubleLittleEndian(span), BinaryPrimitives.ReadDoubleLittleEndian(span[8..])));
        }

        return result;
    }

    public static Term IdTerm(string id) => new(Id, id);
}
