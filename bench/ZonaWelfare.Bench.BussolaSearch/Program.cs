using ZonaWelfare.Bench.BussolaSearch;

// Verbs of the Bussola search benchmark (bench/bussola-search/run.sh drives them):
//   seed     --data DIR --zone SLUG --services N --recipe FILE --templates DIR [--batch 500] [--seed S]
//   latency  --data DIR --zone SLUG --base URL --out CSV [--warmup 3] [--rounds 30]
//   path     --data DIR --zone SLUG                     (prints the public address of the first service, relative to the zone)
//   load     --url URL --concurrency C --seconds S --out CSV --label L [--warmup-seconds 3] [--server-pid PID]
//   zones    --data DIR --count N --recipe FILE --templates DIR [--services 5]   (bench/zones-release/run.sh drives these two)
//   touch    --base URL --count N --pid PID [--checkpoints 100,1000,5000] [--parallel 2]
const string Usage = "Uso: ZonaWelfare.Bench.BussolaSearch seed|latency|load|zones|touch --opzione valore ... (vedi bench/README.md)";
if (args.Length == 0)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

try
{
    var options = new Args(args.Skip(1));
    return args[0] switch
    {
        "seed" => await Seeder.RunAsync(options),
        "latency" => await LatencyBenchmark.RunAsync(options),
        "load" => await LoadBenchmark.RunAsync(options),
        "zones" => await ZonesBenchmark.SeedAsync(options),
        "touch" => await ZonesBenchmark.TouchAsync(options),
        "path" => FirstServicePath(options),
        _ => throw new ArgumentException($"verbo sconosciuto «{args[0]}».\n{Usage}"),
    };
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("Errore: " + ex.Message);
    return 2;
}

static int FirstServicePath(Args options)
{
    var database = Path.Combine(Path.GetFullPath(options.Required("--data")), "zones", options.Required("--zone"), "zone.db");
    using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + database + ";Mode=ReadOnly");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT Path FROM bussola_service_index WHERE ContentItemId = $id";
    command.Parameters.AddWithValue("$id", CatalogGenerator.ServiceId(1));
    Console.WriteLine(command.ExecuteScalar() as string ?? throw new ArgumentException("nessun servizio nella zona."));
    return 0;
}
