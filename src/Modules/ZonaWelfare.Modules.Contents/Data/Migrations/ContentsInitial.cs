using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Modules.Contents.Data.Migrations;

/// <summary>Written by hand without provider-specific column types, so it runs on SQLite and PostgreSQL alike.</summary>
[DbContext(typeof(ContentsDbContext))]
[Migration("202611230200_ContentsInitial")]
internal sealed class ContentsInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "content_types",
            columns: table => new
            {
                Name = table.Column<string>(nullable: false),
                DisplayName = table.Column<string>(nullable: false),
                Definition = table.Column<string>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_content_types", x => x.Name));

        migrationBuilder.CreateTable(
            name: "content_taxonomies",
            columns: table => new
            {
                Name = table.Column<string>(nullable: false),
                DisplayName = table.Column<string>(nullable: false),
                Definition = table.Column<string>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_content_taxonomies", x => x.Name));

        migrationBuilder.CreateTable(
            name: "content_item_versions",
            columns: table => new
            {
                ContentItemVersionId = table.Column<string>(nullable: false),
                ContentItemId = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                Number = table.Column<int>(nullable: false),
                Latest = table.Column<bool>(nullable: false),
                Published = table.Column<bool>(nullable: false),
                DisplayText = table.Column<string>(nullable: false),
                Content = table.Column<string>(nullable: false),
                Owner = table.Column<string>(nullable: true),
                Author = table.Column<string>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                ModifiedUtc = table.Column<DateTime>(nullable: false),
                PublishedUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_content_item_versions", x => x.ContentItemVersionId));
        migrationBuilder.CreateIndex("IX_content_item_versions_ContentItemId_Number", "content_item_versions", ["ContentItemId", "Number"], unique: true);

        migrationBuilder.CreateTable(
            name: "content_item_index",
            columns: table => new
            {
                ContentItemId = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                DisplayText = table.Column<string>(nullable: false),
                SearchText = table.Column<string>(nullable: false),
                Path = table.Column<string>(nullable: true),
                LatestVersionId = table.Column<string>(nullable: false),
                LatestNumber = table.Column<int>(nullable: false),
                PublishedVersionId = table.Column<string>(nullable: true),
                Published = table.Column<bool>(nullable: false),
                HasDraft = table.Column<bool>(nullable: false),
                Owner = table.Column<string>(nullable: true),
                Author = table.Column<string>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                ModifiedUtc = table.Column<DateTime>(nullable: false),
                PublishedUtc = table.Column<DateTime>(nullable: true),
                Deleted = table.Column<bool>(nullable: false),
                DeletedUtc = table.Column<DateTime>(nullable: true),
                DeletedBy = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_content_item_index", x => x.ContentItemId));
        migrationBuilder.CreateIndex("IX_content_item_index_Deleted_ContentType_ModifiedUtc", "content_item_index", ["Deleted", "ContentType", "ModifiedUtc"]);
        migrationBuilder.CreateIndex("IX_content_item_index_Path", "content_item_index", "Path");

        migrationBuilder.CreateTable(
            name: "content_routes",
            columns: table => new
            {
                Path = table.Column<string>(nullable: false),
                ContentItemId = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_content_routes", x => x.Path));
        migrationBuilder.CreateIndex("IX_content_routes_ContentItemId", "content_routes", "ContentItemId", unique: true);

        migrationBuilder.CreateTable(
            name: "content_menu",
            columns: table => new
            {
                ContentItemId = table.Column<string>(nullable: false),
                Text = table.Column<string>(nullable: false),
                Path = table.Column<string>(nullable: false),
                Order = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_content_menu", x => x.ContentItemId));

        migrationBuilder.CreateTable(
            name: "content_terms",
            columns: table => new
            {
                ContentItemId = table.Column<string>(nullable: false),
                Field = table.Column<string>(nullable: false),
                TermId = table.Column<string>(nullable: false),
                Taxonomy = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_content_terms", x => new { x.ContentItemId, x.Field, x.TermId }));
        migrationBuilder.CreateIndex("IX_content_terms_Taxonomy_TermId", "content_terms", ["Taxonomy", "TermId"]);

        migrationBuilder.CreateTable(
            name: "content_media",
            columns: table => new
            {
                Path = table.Column<string>(nullable: false),
                FileName = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                Size = table.Column<long>(nullable: false),
                UploadedBy = table.Column<string>(nullable: true),
                UploadedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_content_media", x => x.Path));

        migrationBuilder.CreateTable(
            name: "content_audit",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Utc = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(nullable: true),
                Action = table.Column<string>(nullable: false),
                ContentItemId = table.Column<string>(nullable: true),
                ContentItemVersionId = table.Column<string>(nullable: true),
                VersionNumber = table.Column<int>(nullable: true),
                ContentType = table.Column<string>(nullable: true),
                DisplayText = table.Column<string>(nullable: true),
                Details = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_content_audit", x => x.Id));
        migrationBuilder.CreateIndex("IX_content_audit_Utc", "content_audit", "Utc");
        migrationBuilder.CreateIndex("IX_content_audit_ContentItemId", "content_audit", "ContentItemId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "content_audit", "content_media", "content_terms", "content_menu", "content_routes", "content_item_index", "content_item_versions", "content_taxonomies", "content_types" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
