using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Core.Storage;

/// <summary>Embedded storage: <c>App_Data/platform.db</c> and <c>App_Data/zones/{slug}/zone.db</c>, in WAL mode.</summary>
internal sealed class SqliteZoneStorage(DataPaths paths) : IZoneStorage
{
    public StorageProvider Provider => StorageProvider.Sqlite;

    public string DataRoot => paths.DataRoot;

    public string ZoneFolder(string slug) => paths.ZoneFolder(slug);

    public async Task EnsureZoneStoreAsync(string slug, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ZoneFolder(slug));
        await using var connection = await OpenZoneConnectionAsync(slug, cancellationToken);
    }

    public Task DeleteZoneStoreAsync(string slug, CancellationToken cancellationToken)
    {
        ReleaseZoneConnections(slug);

        var folder = ZoneFolder(slug);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public void ReleaseZoneConnections(string slug)
    {
        using var connection = new SqliteConnection(ZoneConnectionString(slug));
        SqliteConnection.ClearPool(connection);
    }

    public async Task<DbConnection> OpenZoneConnectionAsync(string slug, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ZoneConnectionString(slug));
        await connection.OpenAsync(cancellationToken);
        await PrepareAsync(connection, cancellationToken);
        return connection;
    }

    public DbConnection CreateZoneConnection(string slug) => new SqliteConnection(ZoneConnectionString(slug));

    public Task PrepareZoneConnectionAsync(DbConnection connection, string slug, CancellationToken cancellationToken) =>
        PrepareAsync((SqliteConnection)connection, cancellationToken);

    public void PrepareZoneConnection(DbConnection connection, string slug)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PrepareSql;
        command.ExecuteNonQuery();
    }

    public void UseZoneProvider(DbContextOptionsBuilder builder, string migrationsHistoryTable) =>
        builder.UseSqlite(sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable));

    public async Task EnsurePlatformStoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataRoot);
        await using var connection = new SqliteConnection(PlatformConnectionString);
        await connection.OpenAsync(cancellationToken);
        await PrepareAsync(connection, cancellationToken);
    }

    public void ConfigurePlatform(DbContextOptionsBuilder builder) =>
        builder.UseSqlite(PlatformConnectionString, sqlite => sqlite.MigrationsHistoryTable("__migrations_platform"));

    public string PlatformConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(DataRoot, "platform.db"),
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private string ZoneConnectionString(string slug) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(ZoneFolder(slug), "zone.db"),
        Pooling = true,
        DefaultTimeout = 30,
        Mode = SqliteOpenMode.ReadWriteCreate,
    }.ToString();

    private static async Task PrepareAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers and one writer work at once; it persists in the file, foreign keys do not.
        await using var command = connection.CreateCommand();
        command.CommandText = PrepareSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string PrepareSql = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
}
