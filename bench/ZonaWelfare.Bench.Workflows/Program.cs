using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Services;

// Workflows benchmark, in one process with the host's modules (see bench/README.md, «workflows/»):
//
//   query      --data <folder> [--postgres <connection string>] [--instances 100000] [--rounds 50] [--warmup 5]
//              Seeds N instance rows (5 types, 4 statuses, correlation ids) into a zone by bulk insert and times the
//              admin's queries (WorkflowInstanceQuery): p50/p95 per query. Goal: p95 <= 200 ms at 100,000.
//   throughput --data <folder> [--items 10000] [--parallel 4]
//              SQLite, jobs running: publishes N items in a zone without workflows (publish rate), then N items in a
//              zone whose workflow starts on publish (If + SetField): instances finished per second.
// Every figure is printed as a RESULT line.
if (args.Length == 0 || args[0] is not ("query" or "throughput"))
{
    await Console.Error.WriteLineAsync("usage: ZonaWelfare.Bench.Workflows query|throughput --data <folder> [options] (see Program.cs)");
    return 2;
}

var verb = args[0];
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        await Console.Error.WriteLineAsync($"bad argument: {args[i]}");
        return 2;
    }

    options[args[i][2..]] = args[i + 1];
}

int Number(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

if (!options.TryGetValue("data", out var data))
{
    await Console.Error.WriteLineAsync("--data is required");
    return 2;
}

var postgres = options.GetValueOrDefault("postgres");
await using var app = await Bench.StartAsync(Path.GetFullPath(data), postgres, runJobs: verb == "throughput");
return verb == "query"
    ? await Bench.QueryAsync(app, postgres is null ? "sqlite" : "postgres", Number("instances", 100_000), Number("rounds", 50), Number("warmup", 5))
    : await Bench.ThroughputAsync(app, Number("items", 10_000), Number("parallel", 4));

internal static class Bench
{
    private static readonly string[] Types = ["Segnalazione", "Promemoria", "Revisione", "Scadenza", "Pubblicazione"];

    /// <summary>Share of each type, in per cent: a few types carry most instances.</summary>
    private static readonly int[] TypeWeights = [40, 25, 15, 12, 8];

    private static readonly string[] Statuses = [WorkflowStatus.Finished, WorkflowStatus.Waiting, WorkflowStatus.Faulted, WorkflowStatus.Cancelled];

    private static readonly int[] StatusWeights = [70, 20, 5, 5];

    public static async Task<WebApplication> StartAsync(string data, string? postgres, bool runJobs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage:DataPath"] = data,
            ["ConnectionStrings:Postgres"] = postgres,
            ["Platform:AdminPassword"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Jobs:RunScheduler"] = runJobs ? "true" : "false",
            ["Jobs:IdleWaitTime"] = "00:00:01",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Model", LogLevel.Error);
        builder.AddZonaWelfare(typeof(Bench).Assembly);
        var app = builder.Build();
        // The platform's own hosted services (initializer, job scheduler), not the web server.
        foreach (var service in app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(ZoneManager).Assembly))
        {
            await service.StartAsync(CancellationToken.None);
        }

        return app;
    }

    public static async Task<int> QueryAsync(WebApplication app, string provider, int instances, int rounds, int warmup)
    {
        var slug = $"wf-query-{instances}";
        var zone = await EnsureZoneAsync(app, slug, "");
        var random = new Random(42);
        int existing;
        await using (var scope = await ScopeAsync(app, zone))
        {
            existing = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Instances.CountAsync();
        }

        var correlations = Math.Max(1, instances / 5);
        if (existing != instances)
        {
            var seeding = Stopwatch.StartNew();
            await SeedAsync(app, zone, instances, correlations, provider == "postgres", random);
            Console.WriteLine($"RESULT seed provider={provider} instances={instances} seconds={seeding.Elapsed.TotalSeconds:F1}");
        }

        // Page 20 of 50 per type: the cursor of the 950th finished instance, found once (untimed), as the admin's
        // "Meno recenti" links carry it after 19 pages.
        var deep = new Dictionary<string, WorkflowInstanceCursor?>(StringComparer.Ordinal);
        await using (var scope = await ScopeAsync(app, zone))
        {
            var query = scope.ServiceProvider.GetRequiredService<WorkflowInstanceQuery>();
            foreach (var type in Types)
            {
                WorkflowInstanceCursor? cursor = null;
                for (var page = 1; page < 20; page++)
                {
                    cursor = (await query.PageAsync(new(type, WorkflowStatus.Finished), null, cursor, 50)).Older;
                }

                deep[type] = cursor;
            }
        }

        static async Task<int> Rows(Task<WorkflowInstancePage> page) => (await page).Items.Count;
        var cases = new (string Name, Func<WorkflowInstanceQuery, int, Task<int>> Run)[]
        {
            ("counts", async (q, _) => (await q.CountsAsync()).Count),
            ("status-chips", async (q, _) => (await q.StatusCountsAsync(new())).Count),
            ("status-chips-type", async (q, r) => (await q.StatusCountsAsync(new(Types[r % Types.Length]))).Count),
            ("page-type-status", (q, r) => Rows(q.PageAsync(new(Types[r % Types.Length], Statuses[r / Types.Length % Statuses.Length]), null, null, 50))),
            ("page-type", (q, r) => Rows(q.PageAsync(new(Types[r % Types.Length]), null, null, 50))),
            ("page-status", (q, r) => Rows(q.PageAsync(new(null, Statuses[r % Statuses.Length]), null, null, 50))),
            ("page-correlation", (q, r) => Rows(q.PageAsync(new(null, null, Correlation((r * 7919) % correlations)), null, null, 50))),
            ("page-unfiltered", (q, _) => Rows(q.PageAsync(new(), null, null, 50))),
            ("page-type-status-p20", (q, r) => Rows(q.PageAsync(new(Types[r % Types.Length], WorkflowStatus.Finished), null, deep[Types[r % Types.Length]], 50))),
            ("page-type-status-p20-newer", (q, r) => Rows(q.PageAsync(new(Types[r % Types.Length], WorkflowStatus.Finished), deep[Types[r % Types.Length]], null, 50))),
        };
        var timings = cases.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 0; round < warmup + rounds; round++)
        {
            // Interleaved, one admin request (scope) per query, as the pages will run them.
            foreach (var (name, run) in cases)
            {
                await using var scope = await ScopeAsync(app, zone);
                var query = scope.ServiceProvider.GetRequiredService<WorkflowInstanceQuery>();
                var started = Stopwatch.GetTimestamp();
                var rows = await run(query, round);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                // Filtered pages may be empty at a tiny size; these two never are.
                if (rows == 0 && name is "counts" or "page-unfiltered")
                {
                    throw new InvalidOperationException($"{name} returned nothing: the seed is wrong");
                }

                if (round >= warmup)
                {
                    timings[name].Add(elapsed);
                }
            }
        }

        foreach (var (name, list) in timings)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT query provider={provider} instances={instances} case={name} rounds={list.Count} p50_ms={Percentile(list, 0.50):F2} p95_ms={Percentile(list, 0.95):F2} max_ms={list[^1]:F2}"));
        }

        return 0;
    }

    public static async Task<int> ThroughputAsync(WebApplication app, int items, int parallel)
    {
        var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var plain = await EnsureZoneAsync(app, $"wf-off-{stamp}", "");
        var withWorkflow = await EnsureZoneAsync(app, $"wf-on-{stamp}", OnPublish);

        var publish = await PublishAsync(app, plain, items, parallel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT publish workflow=none items={items} parallel={parallel} seconds={publish.TotalSeconds:F2} items_per_s={items / publish.TotalSeconds:F1}"));

        var clock = Stopwatch.StartNew();
        var published = await PublishAsync(app, withWorkflow, items, parallel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT publish workflow=on-publish items={items} parallel={parallel} seconds={published.TotalSeconds:F2} items_per_s={items / published.TotalSeconds:F1}"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(120, items / 5.0));
        int finished;
        while (true)
        {
            await using (var scope = await ScopeAsync(app, withWorkflow))
            {
                finished = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Instances.CountAsync(i => i.Status == WorkflowStatus.Finished);
            }

            if (finished >= items || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        var total = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT workflow items={items} finished={finished} seconds_from_first_publish={total.TotalSeconds:F2} instances_per_s={finished / total.TotalSeconds:F1} after_last_publish_s={(total - published).TotalSeconds:F2}"));
        return finished >= items ? 0 : 1;
    }

    private const string AvvisoType = """
        { "name": "Avviso", "displayName": "Avviso pubblico", "parts": [ "TitlePart" ],
          "fields": [ { "name": "Stato", "displayName": "Stato", "type": "text" }, { "name": "Urgente", "displayName": "Urgente", "type": "boolean" } ] }
        """;

    private const string OnPublish = """
        , { "name": "workflows", "types": [ {
          "name": "AvvisoPubblicato", "displayName": "Avviso pubblicato",
          "activities": [
            { "id": "pubblicato", "activity": "ContentPublished", "start": true, "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "urgente", "activity": "If", "options": { "condition": { "field": "Urgente", "operator": "isTrue" } } },
            { "id": "segna-urgente", "activity": "SetField", "options": { "field": "Stato", "value": "urgente" } },
            { "id": "segna-ordinario", "activity": "SetField", "options": { "field": "Stato", "value": "ordinario" } }
          ],
          "transitions": [
            { "from": "pubblicato", "outcome": "done", "to": "urgente" },
            { "from": "urgente", "outcome": "true", "to": "segna-urgente" },
            { "from": "urgente", "outcome": "false", "to": "segna-ordinario" }
          ] } ] }
        """;

    private static async Task<ZoneDescriptor> EnsureZoneAsync(WebApplication app, string slug, string workflowsStep)
    {
        var registry = app.Services.GetRequiredService<IZoneRegistry>();
        if (await registry.FindBySlugAsync(slug) is { } found)
        {
            return found;
        }

        var recipe = $$"""
            { "name": "{{slug}}", "displayName": "Bench", "version": "1", "steps": [
              { "name": "zone", "displayName": "Bench {{slug}}", "comuni": [ "Alto" ] },
              { "name": "features", "enable": [ "contents", "workflows" ] },
              { "name": "contentTypes", "types": [ {{AvvisoType}} ] } {{workflowsStep}} ] }
            """;
        await app.Services.GetRequiredService<ZoneManager>().CreateAsync(slug, RecipeDocument.Parse(recipe, slug + ".recipe.json"), "bench", CancellationToken.None);
        return (await registry.FindBySlugAsync(slug))!;
    }

    private static Task<IZoneScope> ScopeAsync(WebApplication app, ZoneDescriptor zone) =>
        app.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);

    private static async Task<TimeSpan> PublishAsync(WebApplication app, ZoneDescriptor zone, int items, int parallel)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items)
            {
                await using var scope = await ScopeAsync(app, zone);
                var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
                var item = await manager.NewAsync("Avviso");
                item.SetTitle($"Avviso {i}");
                item.SetField("Urgente", i % 3 == 0);
                await manager.CreateAsync(item, publish: true);
            }
        })));
        return clock.Elapsed;
    }

    /// <summary>Bulk insert in batches of multi-row INSERTs (generated values only), one transaction per batch.</summary>
    private static async Task SeedAsync(WebApplication app, ZoneDescriptor zone, int instances, int correlations, bool postgres, Random random)
    {
        await using (var scope = await ScopeAsync(app, zone))
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Instances.ExecuteDeleteAsync();
        }

        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        const int Batch = 1000;
        for (var first = 0; first < instances; first += Batch)
        {
            var sql = new StringBuilder("INSERT INTO workflow_instances (\"Id\", \"TypeName\", \"Version\", \"Status\", \"CorrelationId\", \"Input\", \"State\", \"CreatedUtc\", \"UpdatedUtc\", \"EndedUtc\", \"Revision\") VALUES ");
            for (var n = first; n < Math.Min(instances, first + Batch); n++)
            {
                var type = Types[Pick(TypeWeights, random)];
                var status = Statuses[Pick(StatusWeights, random)];
                // Most instances are about an item, several per item; some (manual, cron) about none.
                var correlation = random.Next(10) < 8 ? "'" + Correlation(random.Next(correlations)) + "'" : "NULL";
                var created = start.AddSeconds(random.NextDouble() * 365 * 86400);
                var updated = created.AddSeconds(random.Next(1, 30 * 86400));
                var ended = status is WorkflowStatus.Waiting or WorkflowStatus.Faulted ? "NULL" : Date(updated, postgres);
                sql.Append(n == first ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $"('{Guid.NewGuid():N}', '{type}', {1 + random.Next(3)}, '{status}', {correlation}, '{{\"contentItemId\":null}}', '{{}}', {Date(created, postgres)}, {Date(updated, postgres)}, {ended}, 1)");
            }

            await using var scope = await ScopeAsync(app, zone);
            await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Database.ExecuteSqlRawAsync(sql.ToString().Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }

        if (postgres)
        {
            await using var scope = await ScopeAsync(app, zone);
            await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Database.ExecuteSqlRawAsync("ANALYZE workflow_instances");
        }
    }

    private static string Correlation(int n) => "item" + n.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A date as EF Core writes it: SQLite text, PostgreSQL timestamp with time zone.</summary>
    private static string Date(DateTime value, bool postgres) =>
        postgres ? $"'{value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'" : $"'{value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}'";

    private static int Pick(int[] weights, Random random)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
