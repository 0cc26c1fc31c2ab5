using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Bussola.Data.Migrations;

/// <summary>
/// A service's row keeps its whole public address (from its type's address pattern) instead of its slug, so a
/// zone may give its service type any pattern. Rows written before held slugs of the only pattern shipped then.
/// </summary>
[DbContext(typeof(BussolaDbContext))]
[Migration("202612020001_BussolaServicePaths")]
internal sealed class BussolaServicePaths : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_bussola_service_index_Slug", "bussola_service_index");
        migrationBuilder.RenameColumn("Slug", "bussola_service_index", "Path");
        migrationBuilder.Sql("UPDATE bussola_service_index SET \"Path\" = 'bussola/servizi/' || \"Path\" WHERE \"Path\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_bussola_service_index_Path", "bussola_service_index", "Path");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_bussola_service_index_Path", "bussola_service_index");
        migrationBuilder.Sql("UPDATE bussola_service_index SET \"Path\" = substr(\"Path\", 17) WHERE \"Path\" LIKE 'bussola/servizi/%'");
        migrationBuilder.RenameColumn("Path", "bussola_service_index", "Slug");
        migrationBuilder.CreateIndex("IX_bussola_service_index_Slug", "bussola_service_index", "Slug");
    }
}
