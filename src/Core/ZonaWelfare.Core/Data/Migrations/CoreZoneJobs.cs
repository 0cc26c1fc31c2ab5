using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Core.Data.Migrations;

/// <summary>The zone's background jobs (see <c>ZoneJobRecord</c>); provider-neutral, like the other zone migrations.</summary>
[DbContext(typeof(CoreZoneDbContext))]
[Migration("202612010001_CoreZoneJobs")]
internal sealed class CoreZoneJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "zone_jobs",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                ModuleId = table.Column<string>(maxLength: 41, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                Payload = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                MaxAttempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                NextAttemptUtc = table.Column<DateTime>(nullable: false),
                StartedUtc = table.Column<DateTime>(nullable: true),
                CompletedUtc = table.Column<DateTime>(nullable: true),
                LeaseUntilUtc = table.Column<DateTime>(nullable: true),
                RunBy = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_zone_jobs", x => x.Id));
        migrationBuilder.CreateIndex("IX_zone_jobs_CreatedUtc", "zone_jobs", "CreatedUtc");
        migrationBuilder.CreateIndex("IX_zone_jobs_State_CreatedUtc", "zone_jobs", ["State", "CreatedUtc"]);
        migrationBuilder.CreateIndex("IX_zone_jobs_State_CompletedUtc", "zone_jobs", ["State", "CompletedUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("zone_jobs");
}
