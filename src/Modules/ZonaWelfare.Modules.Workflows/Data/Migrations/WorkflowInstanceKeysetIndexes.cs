using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Workflows.Data.Migrations;

/// <summary>
/// The instance list pages by keyset on (CreatedUtc, Id): every index of its filters now ends with both, so neither
/// database sorts the matches of a filter, and a type-only filter has an index of its own.
/// </summary>
[DbContext(typeof(WorkflowsDbContext))]
[Migration("202612030002_WorkflowInstanceKeysetIndexes")]
internal sealed class WorkflowInstanceKeysetIndexes : Migration
{
    private const string Table = "workflow_instances";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_workflow_instances_TypeName_Status_CreatedUtc", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_Status_CreatedUtc", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_CorrelationId_TypeName", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_CreatedUtc", Table);
        migrationBuilder.CreateIndex("IX_workflow_instances_TypeName_Status_CreatedUtc_Id", Table, ["TypeName", "Status", "CreatedUtc", "Id"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_TypeName_CreatedUtc_Id", Table, ["TypeName", "CreatedUtc", "Id"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_Status_CreatedUtc_Id", Table, ["Status", "CreatedUtc", "Id"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_CorrelationId_CreatedUtc_Id", Table, ["CorrelationId", "CreatedUtc", "Id"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_CreatedUtc_Id", Table, ["CreatedUtc", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_workflow_instances_TypeName_Status_CreatedUtc_Id", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_TypeName_CreatedUtc_Id", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_Status_CreatedUtc_Id", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_CorrelationId_CreatedUtc_Id", Table);
        migrationBuilder.DropIndex("IX_workflow_instances_CreatedUtc_Id", Table);
        migrationBuilder.CreateIndex("IX_workflow_instances_TypeName_Status_CreatedUtc", Table, ["TypeName", "Status", "CreatedUtc"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_Status_CreatedUtc", Table, ["Status", "CreatedUtc"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_CorrelationId_TypeName", Table, ["CorrelationId", "TypeName"]);
        migrationBuilder.CreateIndex("IX_workflow_instances_CreatedUtc", Table, "CreatedUtc");
    }
}
