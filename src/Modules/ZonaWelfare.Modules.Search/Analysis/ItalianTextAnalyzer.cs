using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;

namespace ZonaWelfare.Modules.Search.Analysis;

/// <summary>
/// The analysis of free text, at index and at query time: <c>ItalianAnalyzer</c>'s chain (standard
/// tokenizer, elision of articles such as <c>dell'</c>, lower case, Italian stop words, light stemmer)
/// with accent folding before the stemmer, so <c>disabilita</c> and <c>disabilità</c> are one term, and a
/// fix for the stemmer's <c>-ilità</c> nouns (see <see cref="ItalianSuffixFilter"/>).
/// </summary>
internal sealed class ItalianTextAnalyzer : Analyzer
{
    /// <summary>The articles and prepositions <c>ItalianAnalyzer</c> elides before an apostrophe.</summary>
    internal static readonly CharArraySet Elisions = new(
        LuceneSettings.Version,
        ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d", "quest", "quell", "nessun", "alcun", "ciascun"],
        true);

    /// <summary>The words of Italian text, lower case, without elided articles and stop words: the start every analysis here shares.</summary>
    internal static (Tokenizer Source, TokenStream Words) ItalianWords(TextReader reader)
    {
        var source = new StandardTokenizer(LuceneSettings.Version, reader);
        TokenStream stream = new StandardFilter(LuceneSettings.Version, source);
        stream = new ElisionFilter(stream, Elisions);
        stream = new LowerCaseFilter(LuceneSettings.Version, stream);
        return (source, new StopFilter(LuceneSettings.Version, stream, ItalianAnalyzer.DefaultStopSet));
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var (source, stream) = ItalianWords(reader);
        stream = new ASCIIFoldingFilter(stream);
        stream = new ItalianLightStemFilter(stream);
        stream = new ItalianSuffixFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
