using System.Globalization;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// CPU time (user + system) from Linux <c>/proc</c>, in milliseconds. The kernel reports it in clock ticks
/// (10 ms), so one call is coarse, but the sum over hundreds of calls gives a good mean.
/// </summary>
internal static class CpuTime
{
    private const double MsPerTick = 10;

    /// <summary>CPU time of the calling thread so far; null where <c>/proc</c> is missing.</summary>
    public static double? ThisThread() => Read("/proc/thread-self/stat");

    /// <summary>CPU time of a process (all its threads) so far; null without a pid.</summary>
    public static double? OfProcess(string? pid) => pid is null ? null : Read($"/proc/{pid}/stat");

    private static double? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        // Fields after the command name "(…)": utime is field 14 and stime 15 of the whole line.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * MsPerTick;
    }
}

/// <summary>CPU time spent per way and query, summed over the measured rounds, and memory allocated by the raw searches.</summary>
internal sealed class CpuCounters
{
    private readonly Dictionary<(string Layer, string Query), (double Ms, int Count)> _totals = [];

    private long _allocated;
    private int _allocations;

    public bool Enabled { get; set; }

    /// <summary>Mean managed memory allocated per measured call of <see cref="AddAllocated"/>, in MB.</summary>
    public double AllocatedMbMean => _allocations > 0 ? _allocated / 1e6 / _allocations : double.NaN;

    public void AddAllocated(long bytes)
    {
        if (Enabled)
        {
            _allocated += bytes;
            _allocations++;
        }
    }

    public T Measure<T>(string layer, string query, Func<double?> clock, Func<T> work)
    {
        var before = clock();
        var result = work();
        Add(layer, query, before, clock());
        return result;
    }

    public async Task<T> MeasureAsync<T>(string layer, string query, Func<double?> clock, Func<Task<T>> work)
    {
        var before = clock();
        var result = await work();
        Add(layer, query, before, clock());
        return result;
    }

    /// <summary>Mean CPU ms per call of a way, over the queries <paramref name="include"/> accepts (all when null).</summary>
    public double MeanMs(string layer, Func<string, bool>? include)
    {
        var rows = _totals.Where(t => t.Key.Layer == layer && (include is null || include(t.Key.Query))).Select(t => t.Value).ToList();
        return rows.Sum(r => r.Count) is > 0 and var count ? rows.Sum(r => r.Ms) / count : double.NaN;
    }

    private void Add(string layer, string query, double? before, double? after)
    {
        if (!Enabled || before is null || after is null)
        {
            return;
        }

        var current = _totals.GetValueOrDefault((layer, query));
        _totals[(layer, query)] = (current.Ms + (after.Value - before.Value), current.Count + 1);
    }
}
