using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Querying;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>The Italian analysis chain, without an index.</summary>
public sealed class AnalysisTests : IDisposable
{
    private readonly SearchAnalyzers _analyzers = new();

    public void Dispose() => _analyzers.Dispose();

    [Theory]
    [InlineData("disabili", "disabilità")]
    [InlineData("disabile", "disabilita")]
    [InlineData("anziani", "anziano")]
    [InlineData("anziane", "ANZIANI")]
    [InlineData("fragilità", "fragile")]
    [InlineData("dell'anziano", "anziano")]
    [InlineData("dell’anziano", "anziano")]
    [InlineData("città", "citta")]
    public void Words_citizens_use_for_the_same_thing_share_a_term(string one, string other) =>
        Assert.Equal(Terms(one), Terms(other));

    [Theory]
    [InlineData("comunità", "comune")]
    [InlineData("anziani", "anzini")]
    public void Different_words_stay_apart(string one, string other) =>
        Assert.NotEqual(Terms(one), Terms(other));

    [Fact]
    public void Stop_words_are_dropped_and_leave_a_position_gap()
    {
        var tokens = TextAnalysis.Analyze(_analyzers.Text, "f", "casa di riposo");

        Assert.Equal(["casa", "ripos"], tokens.Select(t => t.Term));
        Assert.Equal(2, tokens[1].Position - tokens[0].Position);
    }

    [Fact]
    public void Synonym_groups_expand_words_and_phrases_longest_first()
    {
        var synonyms = SynonymSet.Compile([["anziani", "terza età"], ["terza", "tre"]], _analyzers.Text);

        var clauses = synonyms.Expand(TextAnalysis.Analyze(_analyzers.Text, "q", "servizi terza età"));

        Assert.Equal(2, clauses.Count);
        Assert.Equal(["terza eta", "anzian"], clauses[1].Alternatives.Select(a => a.Key));
        Assert.True(clauses[1].Alternatives[0].IsOriginal);
    }

    [Theory]
    [InlineData("anzini", "anziani", 1)]
    [InlineData("dificoltà", "difficoltà", 1)]
    [InlineData("anizani", "anziani", 1)]
    [InlineData("casa", "cosa", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Edit_distance_counts_typos_and_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestions.EditDistance(a, b, 3));

    [Fact]
    public void Word_terms_keep_the_accented_word_behind_its_folded_key()
    {
        var terms = TextAnalysis.Analyze(_analyzers.Words, "w", "Città della Disabilità, 2026").Select(t => t.Term);

        Assert.Equal(["citta|città", "disabilita|disabilità"], terms);
    }

    private string[] Terms(string text) => TextAnalysis.Analyze(_analyzers.Text, "f", text).Select(t => t.Term).ToArray();
}
