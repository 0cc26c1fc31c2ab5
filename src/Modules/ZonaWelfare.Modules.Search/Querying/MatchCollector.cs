using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>Collects every matching document with its score, segment by segment, as bit sets for facets and filters.</summary>
internal sealed class MatchCollector : ICollector
{
    private Scorer? _scorer;
    private Segment? _current;

    public List<Segment> Segments { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _current = new Segment(context, new FixedBitSet(context.AtomicReader.MaxDoc), new float[context.AtomicReader.MaxDoc]);
        Segments.Add(_current);
    }

    public void Collect(int doc)
    {
        _current!.Matches.Set(doc);
        _current.Scores[doc] = _scorer!.GetScore();
    }

    /// <summary>A segment's matching documents and their scores.</summary>
    internal sealed record Segment(AtomicReaderContext Context, FixedBitSet Matches, float[] Scores);
}
