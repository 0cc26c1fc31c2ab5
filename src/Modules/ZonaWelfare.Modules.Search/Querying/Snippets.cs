using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>
/// Snippets without Lucene's highlighter: the stored text is analysed again with the index's analyzer,
/// tokens whose analysed form is a query term are marked with <c>&lt;mark&gt;</c>, and the window of the
/// text with the most distinct matched terms is kept. Everything else is HTML-encoded.
/// </summary>
internal static class Snippets
{
    public const int WindowLength = 200;

    /// <summary>Encodes only what HTML needs, so accented letters stay readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string? Build(Analyzer analyzer, IReadOnlyList<string> texts, IReadOnlySet<string> queryTerms)
    {
        if (texts.Count == 0)
        {
            return null;
        }

        Candidate? best = null;
        if (queryTerms.Count > 0)
        {
            foreach (var text in texts)
            {
                var matches = Matches(analyzer, text, queryTerms);
                if (BestWindow(text, matches) is { } candidate && (best is null || candidate.CompareTo(best) > 0))
                {
                    best = candidate;
                }
            }
        }

        if (best is null)
        {
            var longest = texts.MaxBy(t => t.Length)!;
            var end = longest.Length <= WindowLength ? longest.Length : CutBack(longest, WindowLength);
            return Encoder.Encode(longest[..end].Trim()) + (end < longest.Length ? "…" : "");
        }

        return Render(best);
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> whose analysed form is a query term. A hit's texts run to hundreds of
    /// tokens and few match, so each term is looked up as characters and only a match becomes a token.
    /// </summary>
    private static List<AnalyzedToken> Matches(Analyzer analyzer, string text, IReadOnlySet<string> queryTerms)
    {
        var matches = new List<AnalyzedToken>();
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? lookup =
            queryTerms is HashSet<string> set && set.TryGetAlternateLookup<ReadOnlySpan<char>>(out var byChars) ? byChars : null;
        using var stream = analyzer.GetTokenStream("snippet", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            var chars = term.Buffer.AsSpan(0, term.Length);
            string? matched;
            if (lookup is { } terms)
            {
                matched = terms.TryGetValue(chars, out var found) ? found : null;
            }
            else
            {
                var word = chars.ToString();
                matched = queryTerms.Contains(word) ? word : null;
            }

            if (matched is not null)
            {
                matches.Add(WithoutElision(text, new AnalyzedToken(matched, position, offset.StartOffset, offset.EndOffset)));
            }
        }

        stream.End();
        return matches;
    }

    /// <summary>Marks <c>anziano</c> in <c>l'anziano</c>: the elided article is part of the token, not of the match.</summary>
    private static AnalyzedToken WithoutElision(string text, AnalyzedToken token)
    {
        var apostrophe = text.AsSpan(token.Start, token.End - token.Start).LastIndexOfAny('\'', '’');
        return apostrophe >= 0 && token.Start + apostrophe + 1 < token.End ? token with { Start = token.Start + apostrophe + 1 } : token;
    }

    private static Candidate? BestWindow(string text, List<AnalyzedToken> matches)
    {
        Candidate? best = null;
        for (var i = 0; i < matches.Count; i++)
        {
            var inWindow = matches.Skip(i).TakeWhile(m => m.End - matches[i].Start <= WindowLength).ToList();
            var candidate = new Candidate(text, inWindow, inWindow.Select(m => m.Term).Distinct(StringComparer.Ordinal).Count());
            if (best is null || candidate.CompareTo(best) > 0)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static string Render(Candidate candidate)
    {
        var text = candidate.Text;
        var first = candidate.Matches[0].Start;
        var last = candidate.Matches[^1].End;
        var spare = Math.Max(0, WindowLength - (last - first));
        var start = Math.Max(0, first - (spare / 3));
        var end = Math.Min(text.Length, last + spare - (first - start));
        if (start > 0)
        {
            start = CutForward(text, start, first);
        }

        if (end < text.Length)
        {
            end = Math.Max(last, CutBack(text, end));
        }

        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append('…');
        }

        var at = start;
        foreach (var match in candidate.Matches)
        {
            html.Append(Encoder.Encode(text[at..match.Start]));
            html.Append("<mark>").Append(Encoder.Encode(text[match.Start..match.End])).Append("</mark>");
            at = match.End;
        }

        html.Append(Encoder.Encode(text[at..end]));
        if (end < text.Length)
        {
            html.Append('…');
        }

        return html.ToString().Trim();
    }

    /// <summary>Moves a cut forward to the start of a word, never past <paramref name="limit"/>.</summary>
    private static int CutForward(string text, int start, int limit)
    {
        var space = text.IndexOf(' ', start);
        return space >= 0 && space < limit ? space + 1 : start;
    }

    /// <summary>Moves a cut back to the end of a word.</summary>
    private static int CutBack(string text, int end)
    {
        var space = text.LastIndexOf(' ', Math.Max(0, end - 1));
        return space > 0 ? space : end;
    }

    private sealed record Candidate(string Text, List<AnalyzedToken> Matches, int Distinct)
    {
        /// <summary>More distinct matched terms first, then more matches, then the longer text (more context than a title).</summary>
        public int CompareTo(Candidate other) =>
            Distinct != other.Distinct ? Distinct.CompareTo(other.Distinct)
            : Matches.Count != other.Matches.Count ? Matches.Count.CompareTo(other.Matches.Count)
            : Text.Length.CompareTo(other.Text.Length);
    }
}
