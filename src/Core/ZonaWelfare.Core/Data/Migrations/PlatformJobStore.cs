using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ZonaWelfare.Core.Data.Migrations;

/// <summary>
/// The tables of the job engine's store (Quartz.NET's clustered ADO store) in the platform database: Quartz
/// does not create them itself unless told to, and the platform keeps every DDL statement in its migrations.
/// Runs Quartz's own idempotent script for the provider (<c>Jobs/Schema/</c>), so it is safe on a database
/// where the tables already exist.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("202612010002_PlatformJobStore")]
internal sealed class PlatformJobStore : Migration
{
    public const string TablePrefix = "qrtz_";

    private static readonly string[] Tables =
    [
        "fired_triggers", "paused_trigger_grps", "scheduler_state", "locks", "simple_triggers", "simprop_triggers", "cron_triggers",
        "blob_triggers", "triggers", "job_details", "calendars", "paused_job_grps", "execution_history", "misfire_history", "job_status",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in Statements(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "postgres" : "sqlite"))
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {TablePrefix}{table}");
        }
    }

    /// <summary>The statements of the shipped script, with the table prefix in place.</summary>
    internal static IEnumerable<string> Statements(string provider)
    {
        var name = $"ZonaWelfare.Core.Jobs.Schema.quartz-4.7.3-{provider}.sql";
        using var stream = typeof(PlatformJobStore).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The job store schema script {name} is not embedded in {typeof(PlatformJobStore).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        // {0} is the prefix as tables are named, {1} the same without a schema qualifier (index names): one here.
        var script = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefix, StringComparison.Ordinal);
        // Statements are separated by lines reading exactly "--;;"; a piece of comments only is no statement.
        return script.Split("\n--;;\n", StringSplitOptions.TrimEntries)
            .Where(piece => piece.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }
}
