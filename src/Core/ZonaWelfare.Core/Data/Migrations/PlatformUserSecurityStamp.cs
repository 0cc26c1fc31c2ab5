using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Core.Data.Migrations;

/// <summary>A security stamp for platform users, checked against the sign-in cookie on every request.</summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("202612020003_PlatformUserSecurityStamp")]
internal sealed class PlatformUserSecurityStamp : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "SecurityStamp", table: "platform_users", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "SecurityStamp", table: "platform_users");
}
