using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Bussola.Data.Migrations;

/// <summary>
/// Which locations each published service points to, so a changed location refreshes its services.
/// Zones whose services were published before this migration fill it as services are published again;
/// <c>search rebuild</c> refreshes every search document in the meantime.
/// </summary>
[DbContext(typeof(BussolaDbContext))]
[Migration("202611260001_BussolaServiceLocations")]
internal sealed class BussolaServiceLocations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "bussola_service_location_index",
            columns: table => new
            {
                ContentItemId = table.Column<string>(maxLength: 100, nullable: false),
                LocationId = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_bussola_service_location_index", x => new { x.ContentItemId, x.LocationId }));
        migrationBuilder.CreateIndex("IX_bussola_service_location_index_LocationId", "bussola_service_location_index", "LocationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("bussola_service_location_index");
}
