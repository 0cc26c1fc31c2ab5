namespace ZonaWelfare.Testing;

/// <summary>The storage a test runs on: every storage and zone test runs on both.</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}
