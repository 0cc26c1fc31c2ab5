using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Jobs;
using ZonaWelfare.Core.Platform;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Testing;

/// <summary>
/// The platform's services over real storage (a temp SQLite folder or a fresh PostgreSQL database),
/// without a web server: for tests of zones, recipes and storage.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestStore _store;
    private readonly bool _ownsStore;
    private ZoneJobsHost? _jobs;

    private TestPlatform(WebApplication app, TestStore store, bool ownsStore)
    {
        _app = app;
        _store = store;
        _ownsStore = ownsStore;
        Kind = store.Kind;
    }

    public StorageKind Kind { get; }

    public IServiceProvider Services => _app.Services;

    public ZoneManager Zones => Services.GetRequiredService<ZoneManager>();

    public string DataRoot => Services.GetRequiredService<DataPaths>().DataRoot;

    /// <param name="kind">The storage.</param>
    /// <param name="modules">Modules added to the platform.</param>
    /// <param name="configure">Changes to the services, after the modules'.</param>
    /// <param name="entryAssembly">The assembly whose references the platform searches for modules, as the host does with its own (by default Core's: none).</param>
    public static async Task<TestPlatform> StartAsync(StorageKind kind, IEnumerable<ZoneModule> modules, Action<IServiceCollection>? configure = null, System.Reflection.Assembly? entryAssembly = null) =>
        await StartAsync(await TestStore.CreateAsync(kind), ownsStore: true, modules, configure, settings: null, entryAssembly);

    /// <summary>A platform on a store that the caller owns and may share with other platforms (nodes).</summary>
    public static Task<TestPlatform> StartAsync(TestStore store, IEnumerable<ZoneModule> modules, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null) =>
        StartAsync(store, ownsStore: false, modules, configure, settings, entryAssembly: null);

    private static async Task<TestPlatform> StartAsync(TestStore store, bool ownsStore, IEnumerable<ZoneModule> modules, Action<IServiceCollection>? configure, IDictionary<string, string?>? settings, System.Reflection.Assembly? entryAssembly)
    {
        try
        {
            return await BuildAsync(store, ownsStore, modules, configure, settings, entryAssembly);
        }
        catch when (ownsStore)
        {
            // A host that does not start (e.g. a test of the container's validation) leaves nothing behind.
            await store.DisposeAsync();
            throw;
        }
    }

    private static async Task<TestPlatform> BuildAsync(TestStore store, bool ownsStore, IEnumerable<ZoneModule> modules, Action<IServiceCollection>? configure, IDictionary<string, string?>? settings, System.Reflection.Assembly? entryAssembly)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = store.Folder, EnvironmentName = "Testing" });
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = store.Kind.ToString(),
            ["Storage:DataPath"] = "App_Data",
            ["ConnectionStrings:Postgres"] = store.PostgresConnectionString,
            ["Platform:RecipesPath"] = RepositoryPaths.Recipes,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.AddZonaWelfare(entryAssembly ?? typeof(ZoneManager).Assembly);
        foreach (var module in modules)
        {
            builder.Services.AddZoneModule(module);
        }

        configure?.Invoke(builder.Services);
        var app = builder.Build();
        await PlatformInitializer.EnsurePlatformStoreAsync(
            app.Services.GetRequiredService<IZoneStorage>(),
            app.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>(),
            CancellationToken.None);
        return new TestPlatform(app, store, ownsStore);
    }

    /// <summary>Starts this node's job scheduler, as the host does after its first-run set-up.</summary>
    public async Task StartJobsAsync()
    {
        _jobs = Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ZoneJobsHost>().Single();
        await _jobs.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// A scope in a zone that exists only in storage (an empty database or schema, no registry entry, nothing
    /// migrated), enabling <paramref name="modules"/>: for tests of one module's tables on their own.
    /// </summary>
    public async Task<IZoneScope> CreateBareZoneScopeAsync(string slug, params string[] modules)
    {
        await Services.GetRequiredService<IZoneStorage>().EnsureZoneStoreAsync(slug, CancellationToken.None);
        var now = DateTime.UtcNow;
        var zone = new ZoneDescriptor(slug, slug, ZoneState.Running, [], [], modules.ToHashSet(StringComparer.Ordinal), null, null, now, now);
        return Services.GetRequiredService<IZoneScopeFactory>().CreateUnactivatedScope(zone);
    }

    /// <summary>A context over the platform's registry database (migrated at start), typed as its base class: the type is the platform's own.</summary>
    public async Task<DbContext> CreatePlatformContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();

    public static RecipeDocument Recipe(string json) => RecipeDocument.Parse(json, "test.recipe.json");

    /// <summary>Every row of the zone's registry entry and of every table of its database, as text.</summary>
    public async Task<string> DumpZoneAsync(string slug)
    {
        var dump = new StringBuilder();
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync())
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await DumpQueryAsync(connection, $"SELECT * FROM zones WHERE \"Slug\" = '{slug}'", dump);
            await DumpQueryAsync(connection, $"SELECT * FROM zone_hosts WHERE \"Slug\" = '{slug}' ORDER BY \"Host\"", dump);
        }

        var storage = Services.GetRequiredService<IZoneStorage>();
        if (storage.Provider == StorageProvider.Sqlite && !File.Exists(Path.Combine(storage.ZoneFolder(slug), "zone.db")))
        {
            return dump.Append("(no zone database)").ToString();
        }

        await using var zone = await storage.OpenZoneConnectionAsync(slug, CancellationToken.None);
        var tables = new List<string>();
        await using (var command = zone.CreateCommand())
        {
            command.CommandText = storage.Provider == StorageProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            dump.Append("## ").AppendLine(table);
            await DumpQueryAsync(zone, $"SELECT * FROM \"{table}\" ORDER BY 1", dump);
        }

        return dump.ToString();
    }

    /// <summary>Whether the zone's database exists (SQLite file or PostgreSQL schema).</summary>
    public async Task<bool> ZoneStoreExistsAsync(string slug)
    {
        var storage = Services.GetRequiredService<IZoneStorage>();
        if (storage.Provider == StorageProvider.Sqlite)
        {
            return Directory.Exists(storage.ZoneFolder(slug));
        }

        await using var db = await Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'zone_{slug.Replace('-', '_')}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_jobs is not null)
        {
            await _jobs.StopAsync(CancellationToken.None);
        }

        await _app.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }

    private static async Task DumpQueryAsync(DbConnection connection, string sql, StringBuilder dump)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                dump.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append("; ");
            }

            dump.AppendLine();
        }
    }
}
