using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Modules;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>A platform with the shipped modules, fast jobs, and a zone with an «Avviso» type and the given workflows.</summary>
internal static class WorkflowsTestZone
{
    public const string Slug = "valle";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    public static readonly Dictionary<string, string?> FastJobs = new()
    {
        ["Jobs:IdleWaitTime"] = "00:00:01",
        ["Jobs:RetryBaseDelay"] = "00:00:00.300",
        ["Jobs:RetryMaxDelay"] = "00:00:05",
        ["Jobs:ClusterCheckinInterval"] = "00:00:01",
        ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:02",
    };

    public const string AvvisoType = """
        {
          "name": "Avviso",
          "displayName": "Avviso pubblico",
          "parts": [ "TitlePart", "AutoroutePart" ],
          "settings": { "routePattern": "avvisi/{slug}" },
          "fields": [
            { "name": "Scadenza", "displayName": "Scadenza", "type": "date" },
            { "name": "Importo", "displayName": "Importo", "type": "number" },
            { "name": "Stato", "displayName": "Stato", "type": "text" },
            { "name": "Urgente", "displayName": "Urgente", "type": "boolean" }
          ]
        }
        """;

    public static string Recipe(string workflows, string modules = "\"contents\", \"workflows\"") => $$"""
        {
          "name": "valle",
          "displayName": "Valle",
          "version": "1",
          "steps": [
            { "name": "zone", "displayName": "Zona della Valle", "comuni": [ "Alto" ] },
            { "name": "features", "enable": [ {{modules}} ] },
            { "name": "contentTypes", "types": [ {{AvvisoType}} ] },
            { "name": "workflows", "types": [ {{workflows}} ] }
          ]
        }
        """;

    public static IReadOnlyList<ZoneModule> ShippedModules() => ModuleCatalog.Discover(typeof(Program).Assembly);

    public static async Task<TestPlatform> StartAsync(TestStore store, bool runJobs = true, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?>(FastJobs);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var platform = await TestPlatform.StartAsync(store, ShippedModules(), configure, all);
        if (runJobs)
        {
            await platform.StartJobsAsync();
        }

        return platform;
    }

    public static async Task<IZoneScope> ScopeAsync(this TestPlatform platform, string slug = Slug)
    {
        var zone = await platform.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException("no zone " + slug);
        return await platform.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
    }

    public static async Task<ContentItem> CreateAvvisoAsync(this TestPlatform platform, string title, bool publish, Action<ContentItem>? fill = null)
    {
        await using var scope = await platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await manager.NewAsync("Avviso");
        item.SetTitle(title);
        fill?.Invoke(item);
        return await manager.CreateAsync(item, publish);
    }

    /// <summary>Reads the workflow tables in a fresh scope.</summary>
    public static async Task<T> ReadAsync<T>(this TestPlatform platform, Func<WorkflowsDbContext, Task<T>> read)
    {
        await using var scope = await platform.ScopeAsync();
        return await read(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>());
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> at the deadline.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null, Func<Task<string>>? dump = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail("Timed out: " + what + (dump is null ? "" : "\n" + await dump()));
            }

            await Task.Delay(100);
        }
    }

    public static Task<List<WorkflowInstanceRecord>> InstancesAsync(this TestPlatform platform, string typeName) =>
        platform.ReadAsync(db => db.Instances.AsNoTracking().Where(i => i.TypeName == typeName).OrderBy(i => i.CreatedUtc).ToListAsync());

    public static Task<List<WorkflowHistoryRecord>> HistoryAsync(this TestPlatform platform, string instanceId) =>
        platform.ReadAsync(db => db.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Sequence).ToListAsync());
}
