using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// The real host over real storage, with its first run done: the Livornese and Grossetana zones from
/// their recipes, and a platform administrator. Test modules are added next to the real ones.
/// </summary>
public abstract class ZonaWelfareApp(StorageKind kind, bool withTestModules = true) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Prova-Amministratore-2026";

    private readonly TempFolder _folder = new();
    private TestDatabase? _database;

    public StorageKind Kind { get; } = kind;

    public ZoneManager Zones => Services.GetRequiredService<ZoneManager>();

    public async Task InitializeAsync()
    {
        if (Kind == StorageKind.Postgres)
        {
            _database = await TestPostgres.CreateDatabaseAsync();
        }

        // Starts the host, which runs the first-run set-up.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _folder.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public HttpClient Client(bool followRedirects = false, string host = "localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, BaseAddress = new Uri($"http://{host}") });

    public async Task<ZoneDescriptor> CreateZoneAsync(string slug, string recipeJson)
    {
        await Zones.CreateAsync(slug, RecipeDocument.Parse(recipeJson, "test.recipe.json"), "test");
        return (await Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", Kind.ToString());
        builder.UseSetting("Storage:DataPath", _folder.Path);
        builder.UseSetting("ConnectionStrings:Postgres", _database?.ConnectionString ?? "");
        builder.UseSetting("Platform:AdminPassword", AdminPassword);
        builder.ConfigureTestServices(services =>
        {
            if (!withTestModules)
            {
                return;
            }

            services.AddZoneModule(new AlphaModule());
            services.AddZoneModule(new BetaModule());
            services.AddZoneModule(new NotesModule());
        });
    }
}

public sealed class SqliteApp() : ZonaWelfareApp(StorageKind.Sqlite);

public sealed class PostgresApp() : ZonaWelfareApp(StorageKind.Postgres);

/// <summary>The host exactly as shipped: only its own modules.</summary>
public sealed class ShippedApp() : ZonaWelfareApp(StorageKind.Sqlite, withTestModules: false);
