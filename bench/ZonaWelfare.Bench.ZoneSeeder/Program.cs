using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;

// Creates zones {prefix}0001 … {prefix}{count} from one recipe into a data folder, all in this process,
// through the same services the host uses (AddZonaWelfare + ZoneManager.CreateAsync). Zones that already
// exist are skipped, so an interrupted run can be resumed.
//
//   ZonaWelfare.Bench.ZoneSeeder --data <folder> --count <n> --recipe <file> [--prefix zona-] [--quiet]
const string Usage = "Uso: ZonaWelfare.Bench.ZoneSeeder --data <cartella> --count <n> --recipe <file.recipe.json> [--prefix zona-] [--quiet]";

string? dataPath = null;
string? recipePath = null;
var prefix = "zona-";
var count = 0;
var quiet = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} richiede un valore.");
    switch (args[i])
    {
        case "--data":
            dataPath = Next();
            break;
        case "--recipe":
            recipePath = Next();
            break;
        case "--prefix":
            prefix = Next();
            break;
        case "--count":
            count = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--quiet":
            quiet = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"Argomento sconosciuto: {args[i]}\n{Usage}");
            return 2;
    }
}

if (dataPath is null || recipePath is null || count is < 1 or > 9999)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

dataPath = Path.GetFullPath(dataPath);
var recipe = RecipeDocument.Parse(await File.ReadAllTextAsync(recipePath), Path.GetFileName(recipePath));

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [],
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environments.Production,
});
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:Provider"] = "Sqlite",
    ["Storage:DataPath"] = dataPath,
    // The first administrator is created here, not by the first benchmarked start (hashing it would skew run 1).
    // Its password is random and never shown: the benchmark data folders are throw-away.
    ["Platform:AdminPassword"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
    // Like a CLI command: this process may enqueue zone jobs but does not run them; the host does.
    ["Jobs:RunScheduler"] = "false",
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddZonaWelfare(typeof(Program).Assembly);
await using var app = builder.Build();

// The platform store is created and migrated by the platform's own initializer, a hosted service of
// ZonaWelfare.Core. Run only that one (not the web server): with no InitialZones configured it creates
// the platform store and the administrator, nothing else.
var total = Stopwatch.StartNew();
foreach (var service in app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(ZoneManager).Assembly))
{
    await service.StartAsync(CancellationToken.None);
}

var existing = (await app.Services.GetRequiredService<IZoneRegistry>().ListAsync()).Select(z => z.Slug).ToHashSet(StringComparer.Ordinal);
var manager = app.Services.GetRequiredService<ZoneManager>();
Console.WriteLine($"Dati: {dataPath} — zone già presenti: {existing.Count}; da creare fino a {prefix}{count:D4} con la ricetta «{recipe.Name}» {recipe.Version}.");

var timings = new List<double>(count);
for (var n = 1; n <= count; n++)
{
    var slug = $"{prefix}{n:D4}";
    if (existing.Contains(slug))
    {
        continue;
    }

    var started = Stopwatch.GetTimestamp();
    await manager.CreateAsync(slug, recipe, actor: "bench", CancellationToken.None);
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    timings.Add(elapsed);
    if (!quiet || n % 50 == 0 || n == count)
    {
        Console.WriteLine($"[{n,4}/{count}] {slug} creata in {elapsed,7:F1} ms");
    }
}

if (timings.Count > 0)
{
    timings.Sort();
    Console.WriteLine(
        $"Create {timings.Count} zone in {total.Elapsed.TotalSeconds:F1} s — per zona: mediana {timings[timings.Count / 2]:F1} ms, " +
        $"min {timings[0]:F1} ms, max {timings[^1]:F1} ms, media {timings.Average():F1} ms.");
}
else
{
    Console.WriteLine("Nessuna zona da creare: tutte già presenti.");
}

return 0;
