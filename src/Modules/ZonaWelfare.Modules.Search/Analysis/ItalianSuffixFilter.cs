using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ZonaWelfare.Modules.Search.Analysis;

/// <summary>
/// Joins abstract nouns in <c>-ilità</c> with their adjectives in <c>-ile/-ili</c>: the light stemmer
/// turns <c>disabili</c> into <c>disabil</c> but <c>disabilità</c> into <c>disabilit</c>, so a citizen
/// searching one would miss the other. Stems ending in <c>ilit</c> lose the <c>it</c>
/// (<c>disabilit</c> → <c>disabil</c>, <c>fragilit</c> → <c>fragil</c>, <c>mobilit</c> → <c>mobil</c>).
/// <c>comunità</c> keeps <c>comunit</c>, apart from <c>comune/comuni</c>.
/// </summary>
internal sealed class ItalianSuffixFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public ItalianSuffixFilter(TokenStream input)
        : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var length = _term.Length;
        var buffer = _term.Buffer;
        if (length >= 6 && buffer[length - 4] == 'i' && buffer[length - 3] == 'l' && buffer[length - 2] == 'i' && buffer[length - 1] == 't')
        {
            _term.Length = length - 2;
        }

        return true;
    }
}
