using Lucene.Net.Util;

namespace ZonaWelfare.Modules.Search.Analysis;

/// <summary>The one place that pins the Lucene.Net compatibility version of every analyzer, writer and query.</summary>
internal static class LuceneSettings
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
}
