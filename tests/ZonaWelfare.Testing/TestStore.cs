namespace ZonaWelfare.Testing;

/// <summary>
/// Real storage that outlives one platform: a data folder and, for PostgreSQL, a fresh database. Several
/// <see cref="TestPlatform"/>s started on one store are several nodes, or one node before and after a restart.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly TestDatabase? _database;

    private TestStore(StorageKind kind, TempFolder folder, TestDatabase? database)
    {
        Kind = kind;
        _folder = folder;
        _database = database;
    }

    public StorageKind Kind { get; }

    /// <summary>The content root of the platforms on this store; their data are under <c>App_Data</c> in it.</summary>
    public string Folder => _folder.Path;

    public string? PostgresConnectionString => _database?.ConnectionString;

    public static async Task<TestStore> CreateAsync(StorageKind kind) =>
        new(kind, new TempFolder(), kind == StorageKind.Postgres ? await TestPostgres.CreateDatabaseAsync() : null);

    public async ValueTask DisposeAsync()
    {
        _folder.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
