using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ZonaWelfare.Modules.Search.Indexing;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>Turns the query's clauses into Lucene queries over every text field of the index.</summary>
internal static class QueryBuilder
{
    /// <summary>Synonyms score a little below the words typed, so exact wording ranks first.</summary>
    private const float SynonymWeight = 0.8f;

    /// <summary>Words within typos score well below exact ones.</summary>
    private const float FuzzyWeight = 0.5f;

    /// <summary>
    /// Every clause must match (in any text field); a clause matches when any of its alternatives does,
    /// in the field where it scores best (plus a little for the others).
    /// </summary>
    public static Query Build(IReadOnlyList<QueryClause> clauses, IReadOnlyList<string> textFields, bool fuzzy)
    {
        var query = new BooleanQuery();
        foreach (var clause in clauses)
        {
            var disjunction = new DisjunctionMaxQuery(0.1f);
            foreach (var field in textFields)
            {
                foreach (var alternative in clause.Alternatives)
                {
                    var weight = alternative.IsOriginal ? 1f : SynonymWeight;
                    disjunction.Add(Phrase(field, alternative, weight));
                    if (fuzzy && alternative.Terms.Count == 1 && MaxEdits(alternative.Terms[0].Term) is > 0 and var edits)
                    {
                        disjunction.Add(new FuzzyQuery(new Term(field, alternative.Terms[0].Term), edits, prefixLength: 1) { Boost = weight * FuzzyWeight });
                    }
                }
            }

            query.Add(disjunction, Occur.MUST);
        }

        return query;
    }

    /// <summary>Typos tolerated in an analysed term: none in short words, one from four letters, two from seven.</summary>
    public static int MaxEdits(string term) => term.Length >= 7 ? 2 : term.Length >= 4 ? 1 : 0;

    private static Query Phrase(string field, Alternative alternative, float weight)
    {
        if (alternative.Terms.Count == 1)
        {
            return new TermQuery(new Term(field, alternative.Terms[0].Term)) { Boost = weight };
        }

        var phrase = new PhraseQuery { Boost = weight };
        foreach (var (term, offset) in alternative.Terms)
        {
            phrase.Add(new Term(field, term), offset);
        }

        return phrase;
    }

    /// <summary>
    /// The text fields present in the index (their names carry the text prefix). Merging the segments' field infos
    /// costs a few kilobytes per call, so the list is kept for as long as the reader is (a reader never changes).
    /// </summary>
    public static IReadOnlyList<string> TextFields(IndexReader reader) =>
        TextFieldsByReader.GetValue(reader, static r =>
            MultiFields.GetIndexedFields(r).Where(f => f.StartsWith(IndexFields.TextPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());

    private static readonly ConditionalWeakTable<IndexReader, IReadOnlyList<string>> TextFieldsByReader = new();
}
