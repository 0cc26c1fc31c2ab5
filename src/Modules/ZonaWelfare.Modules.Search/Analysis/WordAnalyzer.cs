using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace ZonaWelfare.Modules.Search.Analysis;

/// <summary>
/// The words of the text as a citizen would type them, for autocomplete and "did you mean": lower case,
/// no stemming, no stop words, at least three letters, each term written <c>folded|original</c>
/// (<c>disabilita|disabilità</c>) so a prefix typed without accents finds the accented word and the
/// suggestion shows it with its accents.
/// </summary>
internal sealed class WordAnalyzer : Analyzer
{
    public const char Separator = '|';

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var (source, stream) = ItalianTextAnalyzer.ItalianWords(reader);
        stream = new LengthFilter(LuceneSettings.Version, stream, 3, 40);
        stream = new FoldedPairFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>Splits a stored word term into its folded key and the word as written.</summary>
    public static (string Key, string Word) Split(string term)
    {
        var at = term.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? (term, term) : (term[..at], term[(at + 1)..]);
    }

    private sealed class FoldedPairFilter : TokenFilter
    {
        private readonly ICharTermAttribute _term;

        public FoldedPairFilter(TokenStream input)
            : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            while (m_input.IncrementToken())
            {
                var word = _term.ToString();
                if (!word.Any(char.IsLetter) || word.Any(char.IsDigit))
                {
                    continue;
                }

                _term.SetEmpty().Append(TextFolding.Fold(word)).Append(Separator).Append(word);
                return true;
            }

            return false;
        }
    }
}
