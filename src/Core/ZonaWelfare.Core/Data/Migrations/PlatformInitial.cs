using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Core.Data.Migrations;

/// <summary>Written by hand without provider-specific column types, so it runs on SQLite and PostgreSQL alike.</summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("202611230001_PlatformInitial")]
internal sealed class PlatformInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "zones",
            columns: table => new
            {
                Slug = table.Column<string>(maxLength: 40, nullable: false),
                DisplayName = table.Column<string>(maxLength: 200, nullable: false),
                State = table.Column<int>(nullable: false),
                Comuni = table.Column<string>(nullable: false),
                EnabledModules = table.Column<string>(nullable: false),
                RecipeName = table.Column<string>(nullable: true),
                RecipeVersion = table.Column<string>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_zones", x => x.Slug));

        migrationBuilder.CreateTable(
            name: "zone_hosts",
            columns: table => new
            {
                Host = table.Column<string>(maxLength: 253, nullable: false),
                Slug = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_zone_hosts", x => x.Host);
                table.ForeignKey("FK_zone_hosts_zones_Slug", x => x.Slug, "zones", "Slug", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_zone_hosts_Slug", "zone_hosts", "Slug");

        migrationBuilder.CreateTable(
            name: "platform_users",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                UserName = table.Column<string>(nullable: false),
                NormalizedUserName = table.Column<string>(nullable: false),
                PasswordHash = table.Column<string>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
                LockoutEndUtc = table.Column<DateTime>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_platform_users", x => x.Id));
        migrationBuilder.CreateIndex("IX_platform_users_NormalizedUserName", "platform_users", "NormalizedUserName", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("zone_hosts");
        migrationBuilder.DropTable("zones");
        migrationBuilder.DropTable("platform_users");
    }
}
