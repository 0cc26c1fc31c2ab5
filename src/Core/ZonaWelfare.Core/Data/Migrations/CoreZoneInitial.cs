using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Core.Data.Migrations;

[DbContext(typeof(CoreZoneDbContext))]
[Migration("202611230002_CoreZoneInitial")]
internal sealed class CoreZoneInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "zone_settings",
            columns: table => new
            {
                Section = table.Column<string>(nullable: false),
                Json = table.Column<string>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_zone_settings", x => x.Section));

        migrationBuilder.CreateTable(
            name: "applied_recipes",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Version = table.Column<string>(nullable: false),
                Hash = table.Column<string>(nullable: false),
                AppliedBy = table.Column<string>(nullable: true),
                AppliedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_applied_recipes", x => x.Id));
        migrationBuilder.CreateIndex("IX_applied_recipes_AppliedUtc", "applied_recipes", "AppliedUtc");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("zone_settings");
        migrationBuilder.DropTable("applied_recipes");
    }
}
