using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Bussola.Tests;

/// <summary>
/// The shipped host with its first run done (the Livornese and Grossetana zones and their example services),
/// one per storage, shared by every Bussola test of that storage: its collection runs them one at a time, and
/// a test that changes a service puts it back.
/// </summary>
public abstract class BussolaApp(StorageKind kind) : ZonaWelfareApp<Program>(kind, withTestModules: false);

public sealed class SqliteBussolaApp() : BussolaApp(StorageKind.Sqlite);

public sealed class PostgresBussolaApp() : BussolaApp(StorageKind.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteBussolaCollection : ICollectionFixture<SqliteBussolaApp>
{
    public const string Name = "bussola on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresBussolaCollection : ICollectionFixture<PostgresBussolaApp>
{
    public const string Name = "bussola on PostgreSQL";
}
