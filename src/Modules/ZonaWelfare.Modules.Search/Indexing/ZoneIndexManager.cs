using Microsoft.Extensions.Logging;
using ZonaWelfare.Modules.Search.Analysis;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>
/// The open zone indexes of this process, keyed by zone: an index is opened when its zone is first
/// searched or indexed, closed when idle, and every one is closed on shutdown. Zones never touched
/// cost nothing.
/// </summary>
internal sealed class ZoneIndexManager(SearchAnalyzers analyzers, TimeProvider clock, ILogger<ZoneIndexManager> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ZoneIndex> _indexes = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Slugs of the zones whose index is open in this process.</summary>
    public IReadOnlyList<string> OpenZones
    {
        get
        {
            lock (_gate)
            {
                return _indexes.Keys.ToList();
            }
        }
    }

    /// <summary>The zone's index, opened if needed; dispose the handle when done so it can be closed when idle.</summary>
    public Handle Open(string slug, string zoneFolder)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_indexes.TryGetValue(slug, out var index))
            {
                index = new ZoneIndex(slug, zoneFolder, analyzers, logger);
                _indexes[slug] = index;
                logger.LogDebug("Search index of zone {Zone} opened", slug);
            }

            index.Users++;
            index.LastUsedTicks = clock.GetTimestamp();
            index.CloseWhenUnused = false;
            return new Handle(this, index);
        }
    }

    /// <summary>Closes indexes no one has used for <paramref name="idleFor"/>.</summary>
    public int CloseIdle(TimeSpan idleFor)
    {
        var closing = new List<ZoneIndex>();
        lock (_gate)
        {
            foreach (var index in _indexes.Values.Where(i => i.Users == 0 && clock.GetElapsedTime(i.LastUsedTicks) >= idleFor).ToList())
            {
                _indexes.Remove(index.Slug);
                closing.Add(index);
            }
        }

        foreach (var index in closing)
        {
            index.Dispose();
            logger.LogDebug("Idle search index of zone {Zone} closed", index.Slug);
        }

        return closing.Count;
    }

    /// <summary>
    /// Closes a zone's index (e.g. the zone disabled search, or it was released as idle): now when unused,
    /// otherwise as soon as its last handle is disposed, unless it is opened again meanwhile.
    /// </summary>
    public void Close(string slug)
    {
        ZoneIndex? index;
        lock (_gate)
        {
            if (!_indexes.TryGetValue(slug, out index))
            {
                return;
            }

            if (index.Users > 0)
            {
                index.CloseWhenUnused = true;
                return;
            }

            _indexes.Remove(slug);
        }

        index.Dispose();
        logger.LogDebug("Search index of zone {Zone} closed", slug);
    }

    public void Dispose()
    {
        List<ZoneIndex> all;
        lock (_gate)
        {
            _disposed = true;
            all = _indexes.Values.ToList();
            _indexes.Clear();
        }

        foreach (var index in all)
        {
            index.Dispose();
        }
    }

    private void Return(ZoneIndex index)
    {
        lock (_gate)
        {
            index.Users--;
            index.LastUsedTicks = clock.GetTimestamp();
            if (index.Users > 0 || !index.CloseWhenUnused || !_indexes.Remove(index.Slug))
            {
                return;
            }
        }

        index.Dispose();
        logger.LogDebug("Search index of zone {Zone} closed after its last use", index.Slug);
    }

    /// <summary>A use of a zone index; keeps it open until disposed.</summary>
    internal sealed class Handle(ZoneIndexManager owner, ZoneIndex index) : IDisposable
    {
        private bool _disposed;

        public ZoneIndex Index { get; } = index;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner.Return(Index);
            }
        }
    }
}
