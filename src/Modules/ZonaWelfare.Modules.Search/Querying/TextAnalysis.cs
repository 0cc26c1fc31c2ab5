using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>An analysed token: its term, its position (stop words leave gaps) and where it was in the text.</summary>
internal readonly record struct AnalyzedToken(string Term, int Position, int Start, int End);

internal static class TextAnalysis
{
    public static List<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }
}
