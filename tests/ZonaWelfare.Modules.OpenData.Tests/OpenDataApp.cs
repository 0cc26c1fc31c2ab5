using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.OpenData.Tests;

/// <summary>
/// The shipped host with three small zones of its own instead of the example ones (whose catalogue of
/// services the open data does not use): two that publish open data, one that does not enable the module.
/// </summary>
public abstract class OpenDataApp(StorageKind kind) : ZonaWelfareApp<Program>(kind, withTestModules: false)
{
    public const string Costa = "costa";
    public const string Colline = "colline";
    public const string SenzaDati = "senzadati";
    public const string CostaHost = "dati.costa.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateZoneAsync(Costa, Recipe("Zona della Costa", ["Rosignano Marittimo", "Castagneto Carducci", "Bibbona; frazione \"La California\""], ["opendata", "users"], CostaHost));
        await CreateZoneAsync(Colline, Recipe("Zona delle Colline", ["Volterra", "Pomarance"], ["opendata"]));
        await CreateZoneAsync(SenzaDati, Recipe("Zona senza dati", ["Montecatini Val di Cecina"], ["users"]));
    }

    /// <summary>A recipe with the zone step, the modules and the organization of the <c>site</c> settings.</summary>
    public static string Recipe(string displayName, string[] comuni, string[] modules, string? host = null) => $$"""
        {
          "name": "prova-opendata", "displayName": "Prova open data", "version": "1",
          "steps": [
            { "name": "zone", "displayName": {{Json(displayName)}}, "comuni": {{Json(comuni)}}{{(host is null ? "" : $", \"hostNames\": [ {Json(host)} ]")}} },
            { "name": "features", "enable": {{Json(modules)}} },
            { "name": "settings", "sections": { "site": { "organization": {{Json("Società della Salute – " + displayName)}} } } }
          ]
        }
        """;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // No example zones on first run: the fixture makes its own.
        builder.ConfigureTestServices(services => services.PostConfigure<PlatformOptions>(o => o.InitialZones.Clear()));
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}

public sealed class SqliteOpenDataApp() : OpenDataApp(StorageKind.Sqlite);

public sealed class PostgresOpenDataApp() : OpenDataApp(StorageKind.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteOpenDataCollection : ICollectionFixture<SqliteOpenDataApp>
{
    public const string Name = "open data on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresOpenDataCollection : ICollectionFixture<PostgresOpenDataApp>
{
    public const string Name = "open data on PostgreSQL";
}
