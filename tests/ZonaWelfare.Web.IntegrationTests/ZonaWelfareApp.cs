
namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The shipped host for the integration tests (see <see cref="ZonaWelfareApp{TProgram}"/>).</summary>
public abstract class ZonaWelfareApp(StorageKind kind, bool withTestModules = true) : ZonaWelfareApp<Program>(kind, withTestModules);

public sealed class SqliteApp() : ZonaWelfareApp(StorageKind.Sqlite);

public sealed class PostgresApp() : ZonaWelfareApp(StorageKind.Postgres);

/// <summary>The host exactly as shipped: only its own modules.</summary>
public sealed class ShippedApp() : ZonaWelfareApp(StorageKind.Sqlite, withTestModules: false);

/// <summary>One shipped host for the tests that read it, or only add zones of their own names.</summary>
[CollectionDefinition(Name)]
public sealed class ShippedCollection : ICollectionFixture<ShippedApp>
{
    public const string Name = "the shipped host";
}
