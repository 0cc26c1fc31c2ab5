using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Indexing;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>
/// Autocomplete and "did you mean" from the index's own words (the <c>_words</c> field, terms
/// <c>folded|word</c>): no separate dictionary to keep in step, and only words of live documents count.
/// </summary>
internal static class Suggestions
{
    /// <summary>Enough candidates for a short prefix, without walking a whole vocabulary.</summary>
    private const int MaxCandidates = 5000;

    /// <summary>Completions of the last word typed, most frequent first; earlier words are kept as typed.</summary>
    public static IReadOnlyList<string> Complete(IndexReader reader, string prefix, int max)
    {
        var text = prefix.TrimStart();
        var cut = text.LastIndexOf(' ') + 1;
        var head = text[..cut];
        var key = TextFolding.Fold(text[cut..].Trim());
        if (key.Length < 2 || max <= 0)
        {
            return [];
        }

        var words = new Dictionary<string, (int Total, string Best, int BestCount)>(StringComparer.Ordinal);
        foreach (var (wordKey, word, count) in Enumerate(reader, key))
        {
            if (!wordKey.StartsWith(key, StringComparison.Ordinal))
            {
                break;
            }

            var entry = words.TryGetValue(wordKey, out var existing) ? existing : (Total: 0, Best: word, BestCount: 0);
            words[wordKey] = (entry.Total + count, count > entry.BestCount ? word : entry.Best, Math.Max(count, entry.BestCount));
        }

        return words.Values.OrderByDescending(w => w.Total).ThenBy(w => w.Best.Length).ThenBy(w => w.Best, StringComparer.Ordinal)
            .Take(max).Select(w => head + w.Best).ToList();
    }

    /// <summary>
    /// The query with each word the index does not know replaced by the closest known word (one typo in
    /// words of four letters or more, two from seven; the most frequent on ties); null when nothing changes.
    /// </summary>
    public static string? DidYouMean(IndexReader reader, SearchAnalyzers analyzers, string query)
    {
        var corrected = new StringBuilder();
        var at = 0;
        var changed = false;
        foreach (var token in TextAnalysis.Analyze(analyzers.Words, IndexFields.Words, query))
        {
            var (key, _) = WordAnalyzer.Split(token.Term);
            var edits = key.Length >= 7 ? 2 : key.Length >= 4 ? 1 : 0;
            if (edits == 0 || Known(reader, key))
            {
                continue;
            }

            string? best = null;
            (int Distance, int Count) bestScore = (int.MaxValue, 0);
            foreach (var (candidateKey, word, count) in Enumerate(reader, key[..1]))
            {
                if (candidateKey[0] != key[0])
                {
                    break;
                }

                if (Math.Abs(candidateKey.Length - key.Length) > edits)
                {
                    continue;
                }

                var distance = EditDistance(key, candidateKey, edits);
                if (distance <= edits && (distance < bestScore.Distance || (distance == bestScore.Distance && count > bestScore.Count)))
                {
                    (best, bestScore) = (word, (distance, count));
                }
            }

            if (best is not null)
            {
                corrected.Append(query[at..token.Start]).Append(best);
                at = token.End;
                changed = true;
            }
        }

        return changed ? corrected.Append(query[at..]).ToString().Trim() : null;
    }

    private static bool Known(IndexReader reader, string key) =>
        Enumerate(reader, key + WordAnalyzer.Separator).Take(1).Any(w => w.Key == key);

    /// <summary>The words from <paramref name="from"/> on, in term order, with how many live documents have each.</summary>
    private static IEnumerable<(string Key, string Word, int Count)> Enumerate(IndexReader reader, string from)
    {
        var terms = MultiFields.GetTerms(reader, IndexFields.Words);
        if (terms is null)
        {
            yield break;
        }

        var live = MultiFields.GetLiveDocs(reader);
        var iterator = terms.GetEnumerator();
        if (iterator.SeekCeil(new BytesRef(from)) == TermsEnum.SeekStatus.END)
        {
            yield break;
        }

        DocsEnum? docs = null;
        var seen = 0;
        do
        {
            var (key, word) = WordAnalyzer.Split(iterator.Term.Utf8ToString());
            docs = iterator.Docs(live, docs, DocsFlags.NONE);
            var count = 0;
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                count++;
            }

            if (count > 0)
            {
                yield return (key, word, count);
            }
        }
        while (++seen < MaxCandidates && iterator.MoveNext());
    }

    /// <summary>Optimal string alignment distance (typos, with transpositions), giving up past <paramref name="limit"/>.</summary>
    internal static int EditDistance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
