using Lucene.Net.Analysis;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>One way of saying something: analysed terms with their relative positions (a phrase when more than one).</summary>
internal sealed record Alternative(IReadOnlyList<(string Term, int Offset)> Terms, bool IsOriginal)
{
    public string Key => string.Join(' ', Terms.Select(t => t.Term));
}

/// <summary>One part of the query: what the citizen typed and, when it is in a synonym group, the group's other phrases.</summary>
internal sealed record QueryClause(IReadOnlyList<Alternative> Alternatives);

/// <summary>
/// The zone's synonym groups, applied at query time on analysed tokens. A group such as
/// <c>["anziani", "anziano", "terza età"]</c> becomes term sequences (<c>anzian</c>, <c>terza eta</c>);
/// wherever the query's tokens contain one of them (longest first), the clause accepts any of them, a
/// multi-word one as a phrase. Lucene 4.8's SynonymFilter flattens multi-word synonyms into one token
/// stream, which a query cannot tell apart from separate words; matching the groups ourselves keeps
/// phrases exact, and query time means a changed list applies at once on every node without re-indexing.
/// </summary>
internal sealed class SynonymSet
{
    public static readonly SynonymSet Empty = new([]);

    private readonly List<List<Alternative>> _groups;
    private readonly Dictionary<string, List<(int Group, Alternative Phrase)>> _byFirstTerm = new(StringComparer.Ordinal);

    private SynonymSet(List<List<Alternative>> groups)
    {
        _groups = groups;
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var phrase in groups[g])
            {
                var first = phrase.Terms[0].Term;
                (_byFirstTerm.TryGetValue(first, out var list) ? list : _byFirstTerm[first] = []).Add((g, phrase));
            }
        }

        foreach (var list in _byFirstTerm.Values)
        {
            list.Sort((a, b) => b.Phrase.Terms.Count.CompareTo(a.Phrase.Terms.Count));
        }
    }

    public static SynonymSet Compile(IEnumerable<IReadOnlyList<string>> groups, Analyzer analyzer)
    {
        var compiled = new List<List<Alternative>>();
        foreach (var group in groups)
        {
            var phrases = new Dictionary<string, Alternative>(StringComparer.Ordinal);
            foreach (var text in group)
            {
                var tokens = TextAnalysis.Analyze(analyzer, "synonym", text);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var phrase = new Alternative(tokens.Select(t => (t.Term, t.Position - tokens[0].Position)).ToList(), IsOriginal: false);
                phrases.TryAdd(phrase.Key, phrase);
            }

            if (phrases.Count > 1)
            {
                compiled.Add(phrases.Values.ToList());
            }
        }

        return new SynonymSet(compiled);
    }

    /// <summary>The query's clauses: each token, or each synonym phrase found in the tokens, with its alternatives.</summary>
    public List<QueryClause> Expand(IReadOnlyList<AnalyzedToken> tokens)
    {
        var clauses = new List<QueryClause>();
        var i = 0;
        while (i < tokens.Count)
        {
            var match = _byFirstTerm.TryGetValue(tokens[i].Term, out var candidates)
                ? candidates.FirstOrDefault(c => Matches(tokens, i, c.Phrase))
                : default;
            if (match.Phrase is null)
            {
                clauses.Add(new QueryClause([new Alternative([(tokens[i].Term, 0)], IsOriginal: true)]));
                i++;
                continue;
            }

            var original = match.Phrase with { IsOriginal = true };
            var alternatives = new List<Alternative> { original };
            alternatives.AddRange(_groups[match.Group].Where(p => p.Key != original.Key));
            clauses.Add(new QueryClause(alternatives));
            i += match.Phrase.Terms.Count;
        }

        return clauses;
    }

    private static bool Matches(IReadOnlyList<AnalyzedToken> tokens, int start, Alternative phrase)
    {
        if (start + phrase.Terms.Count > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Terms.Count; k++)
        {
            var token = tokens[start + k];
            if (token.Term != phrase.Terms[k].Term || token.Position - tokens[start].Position != phrase.Terms[k].Offset)
            {
                return false;
            }
        }

        return true;
    }
}
