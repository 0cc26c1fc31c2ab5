namespace ZonaWelfare.Core.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c> (scale-out).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Root folder of local data: SQLite files, search indexes, uploads. Relative paths are under the content root.</summary>
    public string DataPath { get; set; } = "App_Data";

    /// <summary>PostgreSQL connection string (also read from <c>ConnectionStrings:Postgres</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Prefix of zone schemas in PostgreSQL; tests use it to keep runs apart.</summary>
    public string SchemaPrefix { get; set; } = "zone_";

    /// <summary>Name of the platform schema in PostgreSQL.</summary>
    public string PlatformSchema { get; set; } = "platform";
}
