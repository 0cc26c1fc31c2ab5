using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using ZonaWelfare.Modules.Search.Indexing;

namespace ZonaWelfare.Modules.Search.Analysis;

/// <summary>The analyzers of the module (thread-safe, one set per process).</summary>
internal sealed class SearchAnalyzers : IDisposable
{
    public SearchAnalyzers()
    {
        Index = new PerFieldAnalyzerWrapper(Text, new Dictionary<string, Analyzer> { [IndexFields.Words] = Words });
    }

    /// <summary>Free text: Italian, accents folded, stemmed.</summary>
    public Analyzer Text { get; } = new ItalianTextAnalyzer();

    /// <summary>Words as typed, for suggestions.</summary>
    public Analyzer Words { get; } = new WordAnalyzer();

    /// <summary>What the writer uses: <see cref="Words"/> for the words field, <see cref="Text"/> for the rest (keywords are not analysed).</summary>
    public Analyzer Index { get; }

    public void Dispose()
    {
        Index.Dispose();
        Text.Dispose();
        Words.Dispose();
    }
}
