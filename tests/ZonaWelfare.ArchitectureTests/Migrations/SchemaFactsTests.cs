using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using ZonaWelfare.Testing;

namespace ZonaWelfare.ArchitectureTests.Migrations;

/// <summary>
/// The drift check can fail: a context whose model moved on after its migration was written (a new property,
/// a column made optional, an index made unique, a new relation, a new table) is reported fact by fact, while
/// the same migration under a model that matches it is not.
/// </summary>
public sealed class SchemaFactsTests
{
    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_model_that_matches_its_migration_has_no_drift(StorageKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var context = await MigratedAsync<MatchingContext>(database);

        Assert.Empty(SchemaFacts.Drift(SchemaFacts.Expected(context), SchemaFacts.Actual(context)));
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Every_change_the_migration_misses_is_reported(StorageKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var context = await MigratedAsync<DriftedContext>(database);
        var timestamp = kind == StorageKind.Sqlite ? "text" : "timestamp with time zone";

        var drift = SchemaFacts.Drift(SchemaFacts.Expected(context), SchemaFacts.Actual(context));

        string[] expected =
        [
            "model only:      table topics",
            "model only:      column topics.Id text not null",
            "model only:      primary key topics (Id)",
            $"model only:      column notices.Deadline {timestamp} null",
            "model only:      column notices.TopicId text null",
            "model only:      index notices (TopicId)",
            "model only:      foreign key notices (TopicId) -> topics (Id) on delete NoAction",
            "model only:      column notices.Summary text null",
            "migrations only: column notices.Summary text not null",
            "model only:      unique index notices (Code)",
            "migrations only: index notices (Code)",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), drift.Order(StringComparer.Ordinal));
    }

    private static async Task<TContext> MigratedAsync<TContext>(TestDatabase database)
        where TContext : DbContext
    {
        var connection = database.Open();
        await connection.OpenAsync();
        var builder = new DbContextOptionsBuilder<TContext>();
        _ = database.Kind == StorageKind.Sqlite ? builder.UseSqlite(connection) : builder.UseNpgsql(connection);
        // Like the platform's contexts: migrations without snapshots.
        builder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
        var context = (TContext)Activator.CreateInstance(typeof(TContext), builder.Options, connection)!;
        await context.Database.MigrateAsync();
        return context;
    }

    /// <summary>An empty database: SQLite in memory, or a fresh PostgreSQL database of the test server.</summary>
    private sealed class TestDatabase(StorageKind kind, Testing.TestDatabase? postgres) : IAsyncDisposable
    {
        public StorageKind Kind { get; } = kind;

        public static async Task<TestDatabase> CreateAsync(StorageKind kind) =>
            new(kind, kind == StorageKind.Postgres ? await TestPostgres.CreateDatabaseAsync() : null);

        public DbConnection Open() => postgres is null ? new SqliteConnection("Data Source=:memory:") : new NpgsqlConnection(postgres.ConnectionString);

        public async ValueTask DisposeAsync()
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    internal sealed class Notice
    {
        public required string Id { get; set; }

        public required string Code { get; set; }

        public string? Summary { get; set; }

        public DateTime? Deadline { get; set; }

        public string? TopicId { get; set; }

        public Topic? Topic { get; set; }
    }

    internal sealed class Topic
    {
        public required string Id { get; set; }
    }

    /// <summary>The model as the migration below wrote it.</summary>
    internal sealed class MatchingContext(DbContextOptions<MatchingContext> options, DbConnection connection) : DbContext(options)
    {
        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await connection.DisposeAsync();
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Notice>(notice =>
        {
            notice.ToTable("notices");
            notice.Property(n => n.Summary).IsRequired();
            notice.Ignore(n => n.Deadline);
            notice.Ignore(n => n.TopicId);
            notice.Ignore(n => n.Topic);
            notice.HasIndex(n => n.Code);
        });
    }

    /// <summary>The same entity after the code moved on: a new table and relation, new columns, an optional column, a unique index.</summary>
    internal sealed class DriftedContext(DbContextOptions<DriftedContext> options, DbConnection connection) : DbContext(options)
    {
        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await connection.DisposeAsync();
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Topic>().ToTable("topics");
            modelBuilder.Entity<Notice>(notice =>
            {
                notice.ToTable("notices");
                notice.HasIndex(n => n.Code).IsUnique();
                notice.HasOne(n => n.Topic).WithMany().HasForeignKey(n => n.TopicId);
            });
        }
    }

    /// <summary>One hand-written migration, the way the modules write theirs, shared by both contexts.</summary>
    private static void CreateNotices(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notices",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Code = table.Column<string>(nullable: false),
                Summary = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_notices", x => x.Id));
        migrationBuilder.CreateIndex("IX_notices_Code", "notices", "Code");
    }

    [DbContext(typeof(MatchingContext))]
    [Migration("000001_MatchingInitial")]
    internal sealed class MatchingInitial : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => CreateNotices(migrationBuilder);
    }

    [DbContext(typeof(DriftedContext))]
    [Migration("000001_DriftedInitial")]
    internal sealed class DriftedInitial : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => CreateNotices(migrationBuilder);
    }
}
