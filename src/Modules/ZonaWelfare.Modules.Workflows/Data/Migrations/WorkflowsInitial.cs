using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Workflows.Data.Migrations;

[DbContext(typeof(WorkflowsDbContext))]
[Migration("202612030001_WorkflowsInitial")]
internal sealed class WorkflowsInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "workflow_types",
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 100, nullable: false),
                DisplayName = table.Column<string>(nullable: false),
                Enabled = table.Column<bool>(nullable: false),
                CurrentVersion = table.Column<int>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
                Revision = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_workflow_types", x => x.Name));

        migrationBuilder.CreateTable(
            name: "workflow_type_versions",
            columns: table => new
            {
                TypeName = table.Column<string>(maxLength: 100, nullable: false),
                Version = table.Column<int>(nullable: false),
                Definition = table.Column<string>(nullable: false),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_workflow_type_versions", x => new { x.TypeName, x.Version }));

        migrationBuilder.CreateTable(
            name: "workflow_start_events",
            columns: table => new
            {
                EventName = table.Column<string>(maxLength: 200, nullable: false),
                TypeName = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_workflow_start_events", x => new { x.EventName, x.TypeName }));

        migrationBuilder.CreateTable(
            name: "workflow_instances",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                TypeName = table.Column<string>(maxLength: 100, nullable: false),
                Version = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                CorrelationId = table.Column<string>(maxLength: 100, nullable: true),
                Input = table.Column<string>(nullable: false),
                State = table.Column<string>(nullable: false),
                Fault = table.Column<string>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
                EndedUtc = table.Column<DateTime>(nullable: true),
                Revision = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_workflow_instances", x => x.Id));
        migrationBuilder.CreateIndex("IX_workflow_instances_TypeName_Status_CreatedUtc", "workflow_instances", ["TypeName", "Status", "CreatedUtc"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_Status_CreatedUtc", "workflow_instances", ["Status", "CreatedUtc"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_CorrelationId_TypeName", "workflow_instances", ["CorrelationId", "TypeName"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_CreatedUtc", "workflow_instances", "CreatedUtc");

        migrationBuilder.CreateTable(
            name: "workflow_history",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                InstanceId = table.Column<string>(maxLength: 32, nullable: false),
                Sequence = table.Column<int>(nullable: false),
                Utc = table.Column<DateTime>(nullable: false),
                ActivityId = table.Column<string>(nullable: false),
                ActivityName = table.Column<string>(nullable: false),
                Outcome = table.Column<string>(nullable: false),
                Message = table.Column<string>(nullable: true),
                Data = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_workflow_history", x => x.Id));
        migrationBuilder.CreateIndex("IX_workflow_history_InstanceId_Sequence", "workflow_history", ["InstanceId", "Sequence"]);

        migrationBuilder.CreateTable(
            name: "workflow_bookmarks",
            columns: table => new
            {
                InstanceId = table.Column<string>(maxLength: 32, nullable: false),
                ActivityId = table.Column<string>(maxLength: 100, nullable: false),
                EventName = table.Column<string>(maxLength: 200, nullable: false),
                CorrelationId = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_workflow_bookmarks", x => new { x.InstanceId, x.ActivityId }));
        migrationBuilder.CreateIndex("IX_workflow_bookmarks_EventName_CorrelationId", "workflow_bookmarks", ["EventName", "CorrelationId"]);

        migrationBuilder.CreateTable(
            name: "workflow_timers",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                InstanceId = table.Column<string>(maxLength: 32, nullable: true),
                TypeName = table.Column<string>(maxLength: 100, nullable: true),
                TypeVersion = table.Column<int>(nullable: true),
                ActivityId = table.Column<string>(maxLength: 100, nullable: false),
                DueUtc = table.Column<DateTime>(nullable: false),
                FiredUtc = table.Column<DateTime>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_workflow_timers", x => x.Id));
        migrationBuilder.CreateIndex("IX_workflow_timers_InstanceId", "workflow_timers", "InstanceId");
        migrationBuilder.CreateIndex("IX_workflow_timers_FiredUtc_DueUtc", "workflow_timers", ["FiredUtc", "DueUtc"]);

        migrationBuilder.CreateTable(
            name: "workflow_handled_jobs",
            columns: table => new
            {
                JobId = table.Column<string>(maxLength: 300, nullable: false),
                HandledUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_workflow_handled_jobs", x => x.JobId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "workflow_handled_jobs", "workflow_timers", "workflow_bookmarks", "workflow_history", "workflow_instances", "workflow_start_events", "workflow_type_versions", "workflow_types" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
