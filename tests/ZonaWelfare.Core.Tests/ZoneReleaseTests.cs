using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Core.Tests;

/// <summary>
/// A process that serves many zones keeps only a bounded number activated: beyond <c>Platform:MaxActiveZones</c> the
/// least recently used idle zones are released (modules' handlers, pooled connections), never one in use, and a
/// released zone comes back transparently. Real parallel use, SQLite and PostgreSQL.
/// </summary>
public abstract class ZoneReleaseTests(StorageKind kind) : IAsyncLifetime
{
    private const int Bound = 2;
    private static readonly string[] Slugs = ["uno", "due", "tre", "quattro", "cinque"];
    private readonly RecordingReleaseHandler _released = new();
    private TestStore _store = null!;
    private TestPlatform _platform = null!;

    private ZoneActivator Activator => _platform.Services.GetRequiredService<ZoneActivator>();

    private IZoneScopeFactory Scopes => _platform.Services.GetRequiredService<IZoneScopeFactory>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(kind);
        _platform = await TestPlatform.StartAsync(
            _store,
            [new AlphaModule(), new NotesModule()],
            services => services.AddSingleton<IZoneReleaseHandler>(_released),
            new Dictionary<string, string?> { ["Platform:MaxActiveZones"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        foreach (var slug in Slugs)
        {
            await _platform.Zones.CreateAsync(slug, TestPlatform.Recipe(Recipe(slug)), "test");
        }

        // Creating a zone releases what its creation opened; the tests count the releases that follow.
        _released.Clear();
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Beyond_the_bound_the_least_recently_used_zones_are_released_and_come_back_on_their_next_use()
    {
        foreach (var slug in Slugs)
        {
            Assert.Equal([slug + "-1", slug + "-2"], await NotesAsync(slug));
        }

        await SettledAsync();
        Assert.Equal(["quattro", "cinque"], Activator.ActiveZones);
        Assert.Equal(["uno", "due", "tre"], _released.Slugs);
        if (kind == StorageKind.Sqlite)
        {
            // The released zones' database files are closed; the two activated ones keep a pooled connection.
            Assert.Equal(["cinque", "quattro"], OpenZoneDatabases());
        }

        // "uno" comes back with its data; now "quattro" is the least recently used and goes.
        Assert.Equal(["uno-1", "uno-2"], await NotesAsync("uno"));
        await SettledAsync();
        Assert.Equal(["cinque", "uno"], Activator.ActiveZones);
        Assert.Contains("quattro", _released.Slugs);
    }

    [Fact]
    public async Task A_zone_in_use_is_never_released_and_goes_once_it_is_no_longer_used()
    {
        await using (var held = await Scopes.CreateScopeAsync(await ZoneAsync("uno")))
        {
            foreach (var slug in Slugs.Skip(1))
            {
                Assert.Equal([slug + "-1", slug + "-2"], await NotesAsync(slug));
            }

            await SettledAsync();
            Assert.Equal(["uno", "cinque"], Activator.ActiveZones);
            Assert.DoesNotContain("uno", _released.Slugs);
            // The held scope still works: its connection was not taken away.
            Assert.Equal(["uno-1", "uno-2"], await held.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.OrderBy(n => n.Id).Select(n => n.Id).ToListAsync());
        }

        // No longer held, "uno" is the least recently used zone: the next zone to come in pushes it out.
        Assert.Equal(["due-1", "due-2"], await NotesAsync("due"));
        await SettledAsync();
        Assert.Contains("uno", _released.Slugs);
        Assert.Equal(["cinque", "due"], Activator.ActiveZones);
    }

    [Fact]
    public async Task Parallel_uses_of_more_zones_than_the_bound_all_succeed()
    {
        const int perZone = 12;
        // Released together (not a Barrier: 60 blocked pool threads would starve the thread pool).
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uses = Slugs.SelectMany(slug => Enumerable.Range(0, perZone).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return (Slug: slug, Notes: await NotesAsync(slug));
        }))).ToList();

        start.SetResult();
        var results = await Task.WhenAll(uses);

        Assert.All(results, r => Assert.Equal([r.Slug + "-1", r.Slug + "-2"], r.Notes));
        await SettledAsync();
        Assert.True(_released.Slugs.Length >= Slugs.Length - Bound, "Fewer zones were released than the bound requires.");
        if (kind == StorageKind.Sqlite)
        {
            // A release that has left the active set may still be closing its file (under load): allow it a moment.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!Activator.ActiveZones.Order(StringComparer.Ordinal).SequenceEqual(OpenZoneDatabases()) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(Activator.ActiveZones.Order(StringComparer.Ordinal), OpenZoneDatabases());
        }
    }

    [Fact]
    public async Task A_zone_idle_for_longer_than_the_idle_timeout_is_released_even_under_the_bound()
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var platform = await TestPlatform.StartAsync(
            store,
            [new AlphaModule(), new NotesModule()],
            settings: new Dictionary<string, string?> { ["Platform:MaxActiveZones"] = "100", ["Platform:ZoneIdleTimeout"] = "00:00:00.300" });
        await platform.Zones.CreateAsync("quieta", TestPlatform.Recipe(Recipe("quieta")), "test");
        var activator = platform.Services.GetRequiredService<ZoneActivator>();
        var zone = (await platform.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync("quieta"))!;
        using (await activator.AcquireAsync(zone, request: true))
        {
            Assert.Empty(await activator.ReleaseIdleAsync());
        }

        Assert.Empty(await activator.ReleaseIdleAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        Assert.Equal(["quieta"], await activator.ReleaseIdleAsync());
        Assert.Empty(activator.ActiveZones);
    }

    private static string Recipe(string slug) => $$"""
        {
          "name": "zona-{{slug}}", "displayName": "Zona {{slug}}", "version": "1.0.0",
          "steps": [
            { "name": "zone", "displayName": "Zona {{slug}}", "comuni": [ "Alto" ] },
            { "name": "features", "enable": [ "notes" ] },
            { "name": "notes", "items": [ { "id": "{{slug}}-1", "text": "Prima" }, { "id": "{{slug}}-2", "text": "Seconda" } ] }
          ]
        }
        """;

    private async Task<ZoneDescriptor> ZoneAsync(string slug) => (await _platform.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug))!;

    /// <summary>The zone's notes, read as a request would use the zone (a use that counts as recent).</summary>
    private async Task<List<string>> NotesAsync(string slug)
    {
        var zone = await ZoneAsync(slug);
        using var lease = await Activator.AcquireAsync(zone, request: true);
        await using var scope = await Scopes.CreateScopeAsync(zone);
        return await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.OrderBy(n => n.Id).Select(n => n.Id).ToListAsync();
    }

    /// <summary>Waits until the background release is down to the bound.</summary>
    private async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Activator.ActiveCount > Bound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // A release in progress finishes (its handlers run after the zone left the active set).
        await Activator.ReleaseIdleAsync();
        Assert.Equal(Bound, Activator.ActiveCount);
    }

    /// <summary>Zones whose database file this process has open.</summary>
    private List<string> OpenZoneDatabases() =>
        OpenFiles.Under(_platform.Services.GetRequiredService<IZoneStorage>().DataRoot)
            .Where(path => path.EndsWith("zone.db", StringComparison.Ordinal))
            .Select(path => Path.GetFileName(Path.GetDirectoryName(path))!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private sealed class RecordingReleaseHandler : IZoneReleaseHandler
    {
        private readonly ConcurrentQueue<string> _slugs = new();

        public string[] Slugs => _slugs.ToArray();

        public void Clear() => _slugs.Clear();

        public ValueTask ReleaseAsync(string slug, CancellationToken cancellationToken)
        {
            _slugs.Enqueue(slug);
            return ValueTask.CompletedTask;
        }
    }
}

[Collection(nameof(ProcessOpenFilesCollection))]
public sealed class SqliteZoneReleaseTests() : ZoneReleaseTests(StorageKind.Sqlite);

/// <summary>
/// Tests that read the open files of the whole process run alone: any other test that disposes its
/// <see cref="TempFolder"/> meanwhile clears every SQLite pool of the process, so the zones these tests expect
/// to hold a pooled connection would show none.
/// </summary>
[CollectionDefinition(nameof(ProcessOpenFilesCollection), DisableParallelization = true)]
public sealed class ProcessOpenFilesCollection;

public sealed class PostgresZoneReleaseTests() : ZoneReleaseTests(StorageKind.Postgres);
