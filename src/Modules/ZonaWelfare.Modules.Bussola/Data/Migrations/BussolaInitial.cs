using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Bussola.Data.Migrations;

[DbContext(typeof(BussolaDbContext))]
[Migration("202611250001_BussolaInitial")]
internal sealed class BussolaInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "bussola_service_index",
            columns: table => new
            {
                ContentItemId = table.Column<string>(maxLength: 100, nullable: false),
                Title = table.Column<string>(nullable: false),
                Slug = table.Column<string>(nullable: true),
                Area = table.Column<string>(nullable: true),
                Status = table.Column<string>(nullable: true),
                OrganizationId = table.Column<string>(nullable: true),
                ModifiedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_bussola_service_index", x => x.ContentItemId));
        migrationBuilder.CreateIndex("IX_bussola_service_index_Slug", "bussola_service_index", "Slug");
        migrationBuilder.CreateIndex("IX_bussola_service_index_Area", "bussola_service_index", "Area");
        migrationBuilder.CreateIndex("IX_bussola_service_index_OrganizationId", "bussola_service_index", "OrganizationId");

        migrationBuilder.CreateTable(
            name: "bussola_service_comune_index",
            columns: table => new
            {
                ContentItemId = table.Column<string>(maxLength: 100, nullable: false),
                Comune = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_bussola_service_comune_index", x => new { x.ContentItemId, x.Comune }));
        migrationBuilder.CreateIndex("IX_bussola_service_comune_index_Comune", "bussola_service_comune_index", "Comune");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("bussola_service_comune_index");
        migrationBuilder.DropTable("bussola_service_index");
    }
}
