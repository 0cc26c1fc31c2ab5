using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// Creates a Bussola zone and writes N services (plus organizations and locations) through the product's own
/// write path: <see cref="IContentManager.CreateAsync"/> with publish, so the content handlers write the
/// versions, the content index rows, the audit trail, the Bussola index tables and one search indexing task per
/// item, exactly as an editor's publish does. The only shortcut is batching: each batch of items shares one
/// scope and one zone transaction (as a recipe's <c>content</c> step does), instead of one transaction per item.
/// Resumable: committed batches are counted and skipped.
/// </summary>
internal static class Seeder
{
    public static async Task<int> RunAsync(Args args)
    {
        var dataPath = Path.GetFullPath(args.Required("--data"));
        var slug = args.Required("--zone");
        var services = args.Int("--services", 10_000);
        var recipePath = args.Required("--recipe");
        var templates = args.Required("--templates");
        var batchSize = args.Int("--batch", 500);
        var generator = CatalogGenerator.Load(templates, args.Int("--seed", 20261123));

        await using var app = BuildHost(dataPath);
        foreach (var hosted in app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(ZoneManager).Assembly))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var registry = app.Services.GetRequiredService<IZoneRegistry>();
        if (await registry.FindBySlugAsync(slug) is null)
        {
            var recipe = RecipeDocument.Parse(BenchRecipe(await File.ReadAllTextAsync(recipePath), slug, generator.Comuni), "bench-" + slug);
            var started = Stopwatch.GetTimestamp();
            await app.Services.GetRequiredService<ZoneManager>().CreateAsync(slug, recipe, actor: "bench", CancellationToken.None);
            Console.WriteLine($"Zona «{slug}» creata dalla ricetta derivata da {Path.GetFileName(recipePath)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
        }

        var zone = await registry.FindBySlugAsync(slug) ?? throw new InvalidOperationException($"La zona '{slug}' non esiste.");
        var total = Stopwatch.StartNew();
        await WriteAsync(app.Services, zone, "Ente", generator.Organizations().ToList(), batchSize);
        await WriteAsync(app.Services, zone, "Sede", generator.Locations().ToList(), batchSize);
        var written = await WriteAsync(app.Services, zone, "Servizio", generator.Services(services), batchSize, services);
        Console.WriteLine(FormattableString.Invariant(
            $"SEED zone={slug} services={services} written={written} seconds={total.Elapsed.TotalSeconds:F1} rate={(written > 0 ? written / total.Elapsed.TotalSeconds : 0):F0}"));
        return 0;
    }

    /// <summary>The host's services without its web server, as the CLI builds them.</summary>
    public static WebApplication BuildHost(string dataPath, IDictionary<string, string?>? extra = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataPath"] = dataPath,
            // Never shown: bench data folders are throw-away. Set here so the first host start does not hash it.
            ["Platform:AdminPassword"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            // Like a CLI command: this process may enqueue zone jobs but does not run them; the host does.
            ["Jobs:RunScheduler"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddZonaWelfare(typeof(Seeder).Assembly);
        return builder.Build();
    }

    /// <summary>
    /// The zone's recipe: every step of the example zone's recipe (modules, roles, settings, the Servizio/Ente/Sede
    /// types, the synonyms) except its own slug, comuni and example content.
    /// </summary>
    internal static string BenchRecipe(string exampleRecipe, string slug, IReadOnlyList<Comune> comuni)
    {
        var recipe = JsonNode.Parse(exampleRecipe)!.AsObject();
        recipe.Remove("$schema");
        recipe["name"] = "bench-" + slug;
        recipe["displayName"] = "Bench Bussola " + slug;
        var steps = new JsonArray();
        foreach (var step in recipe["steps"]!.AsArray())
        {
            switch (step!["name"]!.GetValue<string>())
            {
                case "content":
                    break;
                case "zone":
                    steps.Add(new JsonObject
                    {
                        ["name"] = "zone",
                        ["displayName"] = "Bench Bussola " + slug,
                        ["comuni"] = new JsonArray(comuni.Select(c => (JsonNode)c.Name).ToArray()),
                    });
                    break;
                default:
                    steps.Add(step.DeepClone());
                    break;
            }
        }

        recipe["steps"] = steps;
        return recipe.ToJsonString();
    }

    private static async Task<int> WriteAsync(IServiceProvider root, ZoneDescriptor zone, string type, IEnumerable<GeneratedItem> items, int batchSize, int? expected = null)
    {
        int existing;
        await using (var scope = await root.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone))
        {
            existing = await scope.ServiceProvider.GetRequiredService<IContentQuery>().CountPublishedAsync([type]);
        }

        var written = 0;
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        // Items are generated in a fixed order and batches commit whole, so the first `existing` are already there.
        foreach (var batch in items.Skip(existing).Chunk(batchSize))
        {
            await WriteItemsAsync(root, zone, batch);
            written += batch.Length;
            if (Stopwatch.GetElapsedTime(lastReport).TotalSeconds >= 15 || existing + written == expected)
            {
                lastReport = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine(FormattableString.Invariant($"  {type}: {existing + written}{(expected is { } e ? "/" + e.ToString(CultureInfo.InvariantCulture) : "")} ({written / seconds:F0} items/s)"));
            }
        }

        if (written > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"{type}: {written} written in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({existing} already there)."));
        }

        return written;
    }

    /// <summary>Creates the items, published, in one transaction of the zone.</summary>
    internal static async Task WriteItemsAsync(IServiceProvider root, ZoneDescriptor zone, IReadOnlyList<GeneratedItem> items)
    {
        await using var scope = await root.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
        foreach (var generated in items)
        {
            var item = new ContentItem
            {
                ContentItemId = generated.Id,
                ContentItemVersionId = Guid.NewGuid().ToString("N"),
                ContentType = generated.Type,
                Content = (System.Text.Json.Nodes.JsonObject)generated.Content.DeepClone(),
            };
            await contents.CreateAsync(item, publish: true);
        }

        await transaction.CommitAsync();
    }
}
