using System.Threading.Channels;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>Tells this node's background indexer that a zone has new tasks (or will, once its transaction commits).</summary>
internal sealed class IndexingSignal
{
    private readonly Channel<string> _zones = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(string slug) => _zones.Writer.TryWrite(slug);

    /// <summary>Waits until some zone is signalled or <paramref name="timeout"/> passes; returns the signalled zones.</summary>
    public async Task<IReadOnlySet<string>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var zones = new HashSet<string>(StringComparer.Ordinal);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            if (await _zones.Reader.WaitToReadAsync(timer.Token))
            {
                // Content transactions commit right after their handlers: give them a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
        }

        while (_zones.Reader.TryRead(out var slug))
        {
            zones.Add(slug);
        }

        return zones;
    }
}
