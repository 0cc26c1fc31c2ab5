using Npgsql;

namespace ZonaWelfare.Testing;

/// <summary>
/// The PostgreSQL server of the test run. <c>./build.sh test</c> starts a throwaway cluster and sets
/// <c>ZONAWELFARE_TEST_POSTGRES</c>; without it PostgreSQL tests fail loudly, they are never skipped.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "ZONAWELFARE_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {Variable} (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Password=…) " +
                "or run ./build.sh test, which installs PostgreSQL and starts a throwaway cluster.");

    /// <summary>Creates an empty database for one test class; dropped on dispose.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "zw_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new TestDatabase(name, builder.ToString());
    }
}

public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
