namespace ZonaWelfare.Testing;

/// <summary>
/// Real storage that outlives one platform: a data folder and, for PostgreSQL, a fresh database. Several
/// <see cref="TestPlatform"/>s started on one store are several nodes, or one node before and after a restart.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempFolder? _folder;
    private readonly TestDatabase? _database;

    private TestStore(StorageKind kind, TempFolder? folder, TestDatabase? database, string folderPath, string? postgres)
    {
        Kind = kind;
        _folder = folder;
        _database = database;
        Folder = folderPath;
        PostgresConnectionString = postgres;
    }

    public StorageKind Kind { get; }

    /// <summary>The content root of the platforms on this store; their data are under <c>App_Data</c> in it.</summary>
    public string Folder { get; }

    public string? PostgresConnectionString { get; }

    public static async Task<TestStore> CreateAsync(StorageKind kind)
    {
        var folder = new TempFolder();
        var database = kind == StorageKind.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        return new(kind, folder, database, folder.Path, database?.ConnectionString);
    }

    /// <summary>
    /// The store another process created (a node started as a child process): disposing it removes nothing, its
    /// owner does.
    /// </summary>
    public static TestStore Attach(StorageKind kind, string folder, string? postgresConnectionString) =>
        new(kind, null, null, folder, postgresConnectionString);

    public async ValueTask DisposeAsync()
    {
        _folder?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
