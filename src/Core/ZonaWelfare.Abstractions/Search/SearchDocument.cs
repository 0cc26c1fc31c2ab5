namespace ZonaWelfare.Abstractions.Search;

/// <summary>
/// An engine-neutral document that modules fill for the search index; only the Search module knows
/// how it maps to Lucene. Field names are the module's own (e.g. <c>area</c>, <c>comune</c>).
/// </summary>
public sealed class SearchDocument(string id, string type)
{
    private readonly List<SearchField> _fields = [];

    /// <summary>Stable id (the content item id).</summary>
    public string Id { get; } = id;

    /// <summary>What kind of document it is (the content type, e.g. <c>Servizio</c>).</summary>
    public string Type { get; } = type;

    public IReadOnlyList<SearchField> Fields => _fields;

    /// <summary>Free text, analysed in Italian (stemming, synonyms, accents folded); searched and highlighted.</summary>
    public SearchDocument AddText(string name, string? text, float boost = 1f)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            _fields.Add(new SearchField(name, SearchFieldKind.Text, text, boost));
        }

        return this;
    }

    /// <summary>An exact value for filters and facets (e.g. a comune); may be added several times.</summary>
    public SearchDocument AddKeyword(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _fields.Add(new SearchField(name, SearchFieldKind.Keyword, value.Trim(), 1f));
        }

        return this;
    }

    /// <summary>A value returned with results but not searched (e.g. a URL).</summary>
    public SearchDocument AddStored(string name, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new SearchField(name, SearchFieldKind.Stored, value, 1f));
        }

        return this;
    }

    /// <summary>A date for sorting and range filters.</summary>
    public SearchDocument AddDate(string name, DateTime? utc)
    {
        if (utc is { } value)
        {
            _fields.Add(new SearchField(name, SearchFieldKind.Date, value.ToUniversalTime().ToString("O"), 1f));
        }

        return this;
    }

    /// <summary>A point for "near to" sorting.</summary>
    public SearchDocument AddLocation(string name, double latitude, double longitude)
    {
        _fields.Add(new SearchField(name, SearchFieldKind.Location, FormattableString.Invariant($"{latitude},{longitude}"), 1f));
        return this;
    }
}

public enum SearchFieldKind
{
    Text,
    Keyword,
    Stored,
    Date,
    Location,
}

public sealed record SearchField(string Name, SearchFieldKind Kind, string Value, float Boost);
