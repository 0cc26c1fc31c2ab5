using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Modules.Search.Analysis;
using Directory = System.IO.Directory;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>
/// One zone's index on this node, in <c>{zone folder}/search</c>. The index lives in a generation folder
/// (<c>g{timestamp}-{random}</c>) named by the <c>current</c> pointer file: a rebuild writes a new generation
/// and swaps the pointer atomically, so readers and other processes (the CLI) never see a half-built
/// index. The writer is opened lazily and is the only one for the generation (Lucene's write lock).
/// </summary>
internal sealed class ZoneIndex : IDisposable
{
    public const string LastTaskIdKey = "lastTaskId";
    private const string PointerFile = "current";
    private const string NodeIdFile = "node.id";

    private readonly ILogger _logger;
    private readonly SearchAnalyzers _analyzers;
    private Generation? _generation;
    private PointerState? _pointer;

    public ZoneIndex(string slug, string zoneFolder, SearchAnalyzers analyzers, ILogger logger)
    {
        Slug = slug;
        _analyzers = analyzers;
        Folder = Path.Combine(zoneFolder, "search");
        _logger = logger;
        Directory.CreateDirectory(Folder);
        NodeId = ReadOrCreateNodeId();
    }

    public string Slug { get; }

    public string Folder { get; }

    /// <summary>Identifies this node's index of the zone in the shared progress table.</summary>
    public string NodeId { get; }

    /// <summary>Held while tasks are applied or the generation changes; one writer at a time.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Held while a new generation is built; catch-ups go on meanwhile.</summary>
    public SemaphoreSlim RebuildLock { get; } = new(1, 1);

    /// <summary>How many callers use the index now; the manager closes only unused idle indexes.</summary>
    internal int Users { get; set; }

    internal long LastUsedTicks { get; set; }

    /// <summary>Set when the index was asked to close while in use: the last handle returned closes it.</summary>
    internal bool CloseWhenUnused { get; set; }

    /// <summary>The id of the last task applied to the open generation.</summary>
    public long Watermark => _generation?.Watermark ?? 0;

    /// <summary>Whether the pointer names a generation other than the open one (a rebuild, maybe by another process).</summary>
    public bool IsStale => ReadPointer() != _generation?.Name;

    /// <summary>Whether an index was ever built for the zone on this node.</summary>
    public bool IsBuilt => ReadPointer() is not null;

    /// <summary>Opens the generation the pointer names, closing the previous one; call with <see cref="WriteLock"/> held.</summary>
    public void SyncGeneration()
    {
        var name = ReadPointer();
        if (name == _generation?.Name)
        {
            return;
        }

        var previous = _generation;
        _generation = name is null ? null : Generation.Open(Path.Combine(Folder, name), name, _analyzers);
        previous?.Retire();
        DeleteOldGenerations(name);
    }

    /// <summary>A searcher of the current generation; dispose the lease to release it. Null when no index exists yet.</summary>
    public SearcherLease? AcquireSearcher()
    {
        var generation = _generation;
        return generation?.Acquire();
    }

    /// <summary>The generation's writer, opened on first use; call with <see cref="WriteLock"/> held.</summary>
    public IndexWriter Writer => (_generation ?? throw new InvalidOperationException($"The search index of zone '{Slug}' has not been built.")).Writer;

    /// <summary>Commits the writer with the new watermark and refreshes readers; call with <see cref="WriteLock"/> held.</summary>
    public void Commit(long lastTaskId)
    {
        var generation = _generation!;
        generation.Writer.SetCommitData(new Dictionary<string, string> { [LastTaskIdKey] = lastTaskId.ToString(CultureInfo.InvariantCulture) });
        generation.Writer.Commit();
        generation.Watermark = lastTaskId;
        generation.Searchers.MaybeRefreshBlocking();
    }

    /// <summary>Drops uncommitted changes after a failed batch: the next catch-up starts from the last commit.</summary>
    public void Rollback() => _generation?.RollbackWriter();

    /// <summary>A new, empty generation folder for a rebuild.</summary>
    public (string Name, string Path) NewGenerationFolder()
    {
        var name = "g" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(path);
        return (name, path);
    }

    /// <summary>Makes <paramref name="name"/> the current generation (atomic rename of the pointer file).</summary>
    public void PublishGeneration(string name)
    {
        var temporary = Path.Combine(Folder, PointerFile + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        File.WriteAllText(temporary, name);
        File.Move(temporary, Path.Combine(Folder, PointerFile), overwrite: true);
    }

    public IndexWriterConfig WriterConfig(OpenMode mode) => WriterConfig(_analyzers, mode);

    private static IndexWriterConfig WriterConfig(SearchAnalyzers analyzers, OpenMode mode) => new(LuceneSettings.Version, analyzers.Index)
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
    };

    public void Dispose()
    {
        _generation?.Retire();
        _generation = null;
        WriteLock.Dispose();
        RebuildLock.Dispose();
    }

    /// <summary>
    /// The generation the pointer names. Every search asks (a rebuild, maybe by the CLI, swaps the pointer), so the
    /// file is read again only when its size or write time changed: one <c>stat</c> per check, not an open and a read.
    /// </summary>
    private string? ReadPointer()
    {
        var info = new FileInfo(Path.Combine(Folder, PointerFile));
        if (!info.Exists)
        {
            _pointer = null;
            return null;
        }

        if (_pointer is { } seen && seen.Written == info.LastWriteTimeUtc && seen.Length == info.Length)
        {
            return seen.Name;
        }

        var name = File.ReadAllText(info.FullName).Trim();
        name = name.Length > 0 && Directory.Exists(Path.Combine(Folder, name)) ? name : null;
        _pointer = new PointerState(info.LastWriteTimeUtc, info.Length, name);
        return name;
    }

    private sealed record PointerState(DateTime Written, long Length, string? Name);

    private string ReadOrCreateNodeId()
    {
        var path = Path.Combine(Folder, NodeIdFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var id = Environment.MachineName.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..12];
        File.WriteAllText(path, id);
        return id;
    }

    /// <summary>
    /// Deletes generations older than the current one that no process writes to any more. Newer ones
    /// may be a rebuild in progress elsewhere: they go only when abandoned for a day.
    /// </summary>
    private void DeleteOldGenerations(string? current)
    {
        foreach (var folder in Directory.GetDirectories(Folder, "g*"))
        {
            var name = Path.GetFileName(folder);
            if (name == current)
            {
                continue;
            }

            var older = current is null || string.CompareOrdinal(name, current) < 0;
            if (!older && Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddDays(-1))
            {
                continue;
            }

            try
            {
                using (var directory = FSDirectory.Open(folder))
                {
                    if (IndexWriter.IsLocked(directory))
                    {
                        continue;
                    }
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.LogDebug(ex, "Old search index generation {Folder} not deleted yet", folder);
            }
        }
    }

    /// <summary>An open generation: its directory, readers and (lazily) writer, kept until its last searcher is released.</summary>
    internal sealed class Generation
    {
        private readonly System.Threading.Lock _gate = new();
        private readonly SearchAnalyzers _analyzers;
        private IndexWriter? _writer;
        private int _references = 1;

        private Generation(string name, FSDirectory directory, long watermark, SearchAnalyzers analyzers)
        {
            Name = name;
            _analyzers = analyzers;
            Directory = directory;
            Watermark = watermark;
            Searchers = new SearcherManager(directory, new Bm25SearcherFactory());
        }

        public string Name { get; }

        public FSDirectory Directory { get; }

        public SearcherManager Searchers { get; }

        public long Watermark { get; set; }

        public IndexWriter Writer
        {
            get
            {
                lock (_gate)
                {
                    return _writer ??= new IndexWriter(Directory, WriterConfig(_analyzers, OpenMode.APPEND));
                }
            }
        }

        public static Generation Open(string path, string name, SearchAnalyzers analyzers)
        {
            var directory = FSDirectory.Open(path);
            var commits = DirectoryReader.ListCommits(directory);
            var data = commits[^1].UserData;
            var watermark = data.TryGetValue(LastTaskIdKey, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
            return new Generation(name, directory, watermark, analyzers);
        }

        public SearcherLease Acquire()
        {
            lock (_gate)
            {
                _references++;
            }

            return new SearcherLease(this, Searchers.Acquire());
        }

        public void RollbackWriter()
        {
            lock (_gate)
            {
                // Rollback closes the writer without committing; it is reopened on next use.
                _writer?.Rollback();
                _writer = null;
            }
        }

        public void Retire() => Release();

        public void Release(IndexSearcher searcher)
        {
            Searchers.Release(searcher);
            Release();
        }

        private void Release()
        {
            bool close;
            lock (_gate)
            {
                close = --_references == 0;
            }

            if (close)
            {
                lock (_gate)
                {
                    _writer?.Dispose();
                    _writer = null;
                }

                Searchers.Dispose();
                Directory.Dispose();
            }
        }
    }

    /// <summary>A searcher on loan: disposing it gives it back (and closes a retired generation once unused).</summary>
    internal sealed class SearcherLease : IDisposable
    {
        private readonly Generation _generation;
        private bool _released;

        internal SearcherLease(Generation generation, IndexSearcher searcher)
        {
            _generation = generation;
            Searcher = searcher;
        }

        public IndexSearcher Searcher { get; }

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                _generation.Release(Searcher);
            }
        }
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
