using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Search.Tests.Fakes;

/// <summary>A stand-in for the Contents module's storage: one row per item, its published state and its JSON.</summary>
public sealed class TestContentDbContext(DbContextOptions<TestContentDbContext> options) : DbContext(options)
{
    public DbSet<TestContentRow> Items => Set<TestContentRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<TestContentRow>(item =>
        {
            item.ToTable("test_content_items");
            item.HasKey(i => i.ContentItemId);
        });
}

public sealed class TestContentRow
{
    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public string DisplayText { get; set; } = "";

    public string Json { get; set; } = "{}";

    public bool Published { get; set; }

    public bool Removed { get; set; }

    public int Number { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }
}

[DbContext(typeof(TestContentDbContext))]
[Migration("202611240100_TestContentInitial")]
internal sealed class TestContentInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "test_content_items",
            columns: table => new
            {
                ContentItemId = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                DisplayText = table.Column<string>(nullable: false),
                Json = table.Column<string>(nullable: false),
                Published = table.Column<bool>(nullable: false),
                Removed = table.Column<bool>(nullable: false),
                Number = table.Column<int>(nullable: false),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                ModifiedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_test_content_items", x => x.ContentItemId));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("test_content_items");
}
