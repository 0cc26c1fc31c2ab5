using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Indexing;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>
/// One search over one zone's searcher. The documents matching the text (and the type and date
/// conditions) are collected once as per-segment bit sets with their scores; each keyword filter is
/// another bit set. Results are the intersection of all of them; the counts of a facet come from the
/// intersection of all but that facet's own filter ("drill sideways"), reading the values of each
/// document from sorted-set doc values.
/// </summary>
internal sealed class ZoneSearch(IndexSearcher searcher, SearchAnalyzers analyzers, SynonymSet synonyms, int fuzzyThreshold)
{
    private const int MaxPageSize = 100;

    public SearchResults Run(SearchQuery query)
    {
        var reader = searcher.IndexReader;
        var textFields = QueryBuilder.TextFields(reader);
        var tokens = string.IsNullOrWhiteSpace(query.Text) ? [] : TextAnalysis.Analyze(analyzers.Text, "query", query.Text);
        var clauses = synonyms.Expand(tokens);
        var hasText = clauses.Count > 0 && textFields.Count > 0;
        var filters = KeywordFilters(query);

        // Queries are rewritten once, here: a fuzzy query's rewrite (building its Levenshtein automata and
        // expanding its terms) is most of its cost, and the snippets need the same expanded terms.
        var textQuery = hasText ? searcher.Rewrite(QueryBuilder.Build(clauses, textFields, fuzzy: false)) : new MatchAllDocsQuery();
        var matches = Collect(textQuery, query);
        var total = Count(matches, filters, except: null);
        var usedFuzzy = false;
        string? didYouMean = null;
        if (hasText && total < fuzzyThreshold)
        {
            var fuzzyQuery = searcher.Rewrite(QueryBuilder.Build(clauses, textFields, fuzzy: true));
            var fuzzyMatches = Collect(fuzzyQuery, query);
            var fuzzyTotal = Count(fuzzyMatches, filters, except: null);
            if (fuzzyTotal > total)
            {
                (textQuery, matches, total, usedFuzzy) = (fuzzyQuery, fuzzyMatches, fuzzyTotal, true);
            }

            didYouMean = Suggestions.DidYouMean(reader, analyzers, query.Text!);
        }

        var facets = query.Facets.Distinct(StringComparer.Ordinal)
            .ToDictionary(f => f, f => (IReadOnlyList<FacetValue>)Facet(matches, filters, f), StringComparer.Ordinal);

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var skip = (int)Math.Min((long)(page - 1) * pageSize, total);
        var hits = Rank(matches, filters, query, total, skip + pageSize);
        var queryTerms = hasText ? QueryTerms(textQuery) : new HashSet<string>(StringComparer.Ordinal);
        var pageHits = hits.Skip(skip).Take(pageSize).Select(h => ToHit(h, queryTerms)).ToList();
        return new SearchResults(total, pageHits, facets, usedFuzzy, didYouMean);
    }

    private List<MatchCollector.Segment> Collect(Query textQuery, SearchQuery query)
    {
        var combined = new BooleanQuery { { textQuery, Occur.MUST } };
        if (query.Types.Count > 0)
        {
            var types = new BooleanQuery();
            foreach (var type in query.Types)
            {
                types.Add(new TermQuery(new Term(IndexFields.Type, type)), Occur.SHOULD);
            }

            combined.Add(new ConstantScoreQuery(types) { Boost = 0 }, Occur.MUST);
        }

        if (query.ModifiedAfter is { } after)
        {
            var ticks = after.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(after, DateTimeKind.Utc).Ticks : after.ToUniversalTime().Ticks;
            var range = NumericRangeQuery.NewInt64Range(IndexFields.DateTicksPrefix + IndexFields.Modified, ticks, long.MaxValue, minInclusive: false, maxInclusive: true);
            combined.Add(new ConstantScoreQuery(range) { Boost = 0 }, Occur.MUST);
        }

        var collector = new MatchCollector();
        searcher.Search(combined, collector);
        return collector.Segments;
    }

    /// <summary>Per keyword filter, the documents of each segment that have one of its values.</summary>
    private Dictionary<string, FixedBitSet[]> KeywordFilters(SearchQuery query)
    {
        var leaves = searcher.IndexReader.Leaves;
        var filters = new Dictionary<string, FixedBitSet[]>(StringComparer.Ordinal);
        foreach (var (name, values) in query.Filters)
        {
            if (values.Count == 0)
            {
                continue;
            }

            var bits = new FixedBitSet[leaves.Count];
            for (var i = 0; i < leaves.Count; i++)
            {
                var reader = leaves[i].AtomicReader;
                bits[i] = new FixedBitSet(reader.MaxDoc);
                foreach (var value in values.Distinct(StringComparer.Ordinal))
                {
                    if (reader.GetTermDocsEnum(new Term(IndexFields.KeywordPrefix + name, value)) is { } docs)
                    {
                        bits[i].Or(docs);
                    }
                }
            }

            filters[name] = bits;
        }

        return filters;
    }

    private static FixedBitSet Accepted(MatchCollector.Segment segment, int leaf, Dictionary<string, FixedBitSet[]> filters, string? except)
    {
        var accepted = segment.Matches.Clone();
        foreach (var (name, bits) in filters)
        {
            if (name != except)
            {
                accepted.And(bits[leaf]);
            }
        }

        return accepted;
    }

    private static int Count(List<MatchCollector.Segment> matches, Dictionary<string, FixedBitSet[]> filters, string? except)
    {
        var total = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            total += Accepted(matches[i], i, filters, except).Cardinality;
        }

        return total;
    }

    /// <summary>Value counts of a keyword field over the matches, ignoring that field's own filter; most frequent first.</summary>
    private static List<FacetValue> Facet(List<MatchCollector.Segment> matches, Dictionary<string, FixedBitSet[]> filters, string name)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var term = new BytesRef();
        for (var i = 0; i < matches.Count; i++)
        {
            var values = matches[i].Context.AtomicReader.GetSortedSetDocValues(IndexFields.KeywordPrefix + name);
            if (values is null)
            {
                continue;
            }

            // Count by segment ordinal first, resolve ordinals to strings once per segment.
            var perOrdinal = new int[values.ValueCount];
            var accepted = Accepted(matches[i], i, filters, except: name);
            for (var doc = accepted.NextSetBit(0); doc >= 0; doc = doc + 1 < accepted.Length ? accepted.NextSetBit(doc + 1) : -1)
            {
                values.SetDocument(doc);
                for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
                {
                    perOrdinal[ord]++;
                }
            }

            for (var ord = 0; ord < perOrdinal.Length; ord++)
            {
                if (perOrdinal[ord] > 0)
                {
                    values.LookupOrd(ord, term);
                    var value = term.Utf8ToString();
                    counts[value] = counts.GetValueOrDefault(value) + perOrdinal[ord];
                }
            }
        }

        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.CurrentCulture)
            .Select(c => new FacetValue(c.Key, c.Value)).ToList();
    }

    /// <summary>
    /// The best <paramref name="count"/> hits, best first: by score (or by distance when sorting from a point), ties
    /// by id. Every match is a small struct; only the hits kept get their id read as a string, and a page deep in the
    /// results keeps no more than the pages up to it (a bounded heap, not a sort of every match).
    /// </summary>
    private static List<RankedHit> Rank(List<MatchCollector.Segment> matches, Dictionary<string, FixedBitSet[]> filters, SearchQuery query, int total, int count)
    {
        var ids = new SortedDocValues[matches.Count];
        var candidates = new List<Candidate>(total);
        var points = new BytesRef();
        for (var i = 0; i < matches.Count; i++)
        {
            var reader = matches[i].Context.AtomicReader;
            ids[i] = reader.GetSortedDocValues(IndexFields.Id);
            var locations = query.Near is { } near ? reader.GetBinaryDocValues(IndexFields.LocationPointsPrefix + near.Field) : null;
            var accepted = Accepted(matches[i], i, filters, except: null);
            for (var doc = accepted.NextSetBit(0); doc >= 0; doc = doc + 1 < accepted.Length ? accepted.NextSetBit(doc + 1) : -1)
            {
                double? distance = null;
                if (locations is not null && query.Near is { } from)
                {
                    locations.Get(doc, points);
                    distance = Geo.NearestKm(from.Latitude, from.Longitude, IndexFields.DecodePoints(points));
                }

                candidates.Add(new Candidate(i, doc, matches[i].Scores[doc], distance, ids[i].GetOrd(doc)));
            }
        }

        var order = new CandidateOrder(ids, query.Near is not null);
        List<Candidate> best;
        if (candidates.Count <= count)
        {
            best = candidates;
        }
        else
        {
            // The worst of the kept hits on top, so each better match replaces it.
            var heap = new PriorityQueue<Candidate, Candidate>(count + 1, Comparer<Candidate>.Create((x, y) => order.Compare(y, x)));
            foreach (var candidate in candidates)
            {
                if (heap.Count < count)
                {
                    heap.Enqueue(candidate, candidate);
                }
                else if (order.Compare(candidate, heap.Peek()) < 0)
                {
                    heap.EnqueueDequeue(candidate, candidate);
                }
            }

            best = heap.UnorderedItems.Select(item => item.Element).ToList();
        }

        best.Sort(order);
        var idValue = new BytesRef();
        var hits = new List<RankedHit>(best.Count);
        foreach (var hit in best)
        {
            ids[hit.Leaf].Get(hit.Doc, idValue);
            hits.Add(new RankedHit(matches[hit.Leaf].Context.DocBase + hit.Doc, hit.Score, idValue.Utf8ToString(), hit.DistanceKm));
        }

        return hits;
    }

    /// <summary>A match while ranking: its segment, its document there, and the ordinal of its id in that segment.</summary>
    private readonly record struct Candidate(int Leaf, int Doc, float Score, double? DistanceKm, int Ord);

    /// <summary>
    /// Best first. Ids tie-break in the index's own order of their UTF-8 bytes: by ordinal within a segment, by the
    /// bytes across segments (the same order as ordinal string comparison for the ASCII ids items have).
    /// </summary>
    private sealed class CandidateOrder(SortedDocValues[] ids, bool byDistance) : IComparer<Candidate>
    {
        private readonly BytesRef _left = new();
        private readonly BytesRef _right = new();

        public int Compare(Candidate x, Candidate y)
        {
            if (byDistance)
            {
                var byKnown = (x.DistanceKm is null).CompareTo(y.DistanceKm is null);
                if (byKnown != 0)
                {
                    return byKnown;
                }

                var byKm = Nullable.Compare(x.DistanceKm, y.DistanceKm);
                if (byKm != 0)
                {
                    return byKm;
                }
            }

            var byScore = y.Score.CompareTo(x.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            if (x.Leaf == y.Leaf)
            {
                return x.Ord.CompareTo(y.Ord);
            }

            ids[x.Leaf].Get(x.Doc, _left);
            ids[y.Leaf].Get(y.Doc, _right);
            return _left.CompareTo(_right);
        }
    }

    private SearchHit ToHit(RankedHit hit, IReadOnlySet<string> queryTerms)
    {
        var document = searcher.Doc(hit.Doc);
        var texts = document.Fields
            .Where(f => f.Name.StartsWith(IndexFields.TextPrefix, StringComparison.Ordinal) && f.GetStringValue() is not null)
            .Select(f => f.GetStringValue()!)
            .ToList();
        var snippet = Snippets.Build(analyzers.Text, texts, queryTerms);
        return new SearchHit(hit.Id, document.Get(IndexFields.Type) ?? "", hit.Score, IndexFields.StoredValues(document), snippet, hit.DistanceKm);
    }

    /// <summary>The analysed terms the final, already rewritten query matches on (fuzzy queries expanded against the index).</summary>
    private static HashSet<string> QueryTerms(Query query)
    {
        var terms = new HashSet<Term>();
        query.ExtractTerms(terms);
        return terms.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record RankedHit(int Doc, float Score, string Id, double? DistanceKm);
}
