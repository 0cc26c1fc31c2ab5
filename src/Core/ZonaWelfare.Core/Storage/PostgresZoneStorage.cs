using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ZonaWelfare.Core.Storage;

/// <summary>
/// Scale-out storage: one PostgreSQL schema per zone. All zones share one connection pool; a zone
/// connection sets its <c>search_path</c> when opened, so one EF model serves every zone.
/// </summary>
internal sealed class PostgresZoneStorage : IZoneStorage, IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly DataPaths _paths;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    public PostgresZoneStorage(IOptions<StorageOptions> options, DataPaths paths)
    {
        _options = options.Value;
        _paths = paths;
        _connectionString = _options.PostgresConnectionString is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("Storage:Provider is Postgres but no connection string is set: configure ConnectionStrings:Postgres.");
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public StorageProvider Provider => StorageProvider.Postgres;

    public string DataRoot => _paths.DataRoot;

    public string ZoneFolder(string slug) => _paths.ZoneFolder(slug);

    public string SchemaOf(string slug) => _options.SchemaPrefix + slug.Replace('-', '_');

    public async Task EnsureZoneStoreAsync(string slug, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ZoneFolder(slug));
        await ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS \"{SchemaOf(slug)}\"", cancellationToken);
    }

    public async Task DeleteZoneStoreAsync(string slug, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{SchemaOf(slug)}\" CASCADE", cancellationToken);
        var folder = ZoneFolder(slug);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void ReleaseZoneConnections(string slug)
    {
        // One pool for every zone: a zone holds no connection of its own.
    }

    public async Task<DbConnection> OpenZoneConnectionAsync(string slug, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PrepareZoneConnectionAsync(connection, slug, cancellationToken);
        return connection;
    }

    public DbConnection CreateZoneConnection(string slug) => _dataSource.CreateConnection();

    public async Task PrepareZoneConnectionAsync(DbConnection connection, string slug, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SearchPathSql(slug);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void PrepareZoneConnection(DbConnection connection, string slug)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SearchPathSql(slug);
        command.ExecuteNonQuery();
    }

    private string SearchPathSql(string slug) => $"SET search_path TO \"{SchemaOf(slug)}\"";

    public void UseZoneProvider(DbContextOptionsBuilder builder, string migrationsHistoryTable) =>
        builder.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable(migrationsHistoryTable));

    public Task EnsurePlatformStoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataRoot);
        return ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS \"{_options.PlatformSchema}\"", cancellationToken);
    }

    public void ConfigurePlatform(DbContextOptionsBuilder builder) =>
        builder.UseNpgsql(PlatformConnectionString, npgsql => npgsql.MigrationsHistoryTable("__migrations_platform"));

    public string PlatformConnectionString => new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = _options.PlatformSchema }.ToString();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
