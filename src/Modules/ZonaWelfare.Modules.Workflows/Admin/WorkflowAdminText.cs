using System.Globalization;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Admin;

/// <summary>How the workflow pages write times (Europe/Rome) and statuses.</summary>
internal static class WorkflowAdminText
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static string When(DateTime? utc) =>
        utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), ZoneTime.Rome).ToString("dd/MM/yyyy HH:mm:ss", Italian) : "–";

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);

    public static string Badge(string status) => status switch
    {
        WorkflowStatus.Finished => "badge badge-ok",
        WorkflowStatus.Faulted => "badge badge-error",
        WorkflowStatus.Cancelled => "badge badge-off",
        _ => "badge",
    };

    /// <summary>Outcomes of history entries in words (the runner's <c>waiting</c>, <c>fault</c>, <c>retry</c> and end statuses).</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "waiting" => "in attesa",
        "fault" => "errore",
        "retry" => "nuovo tentativo",
        "done" => "fatto",
        "true" => "sì",
        "false" => "no",
        WorkflowStatus.Finished => "concluso",
        WorkflowStatus.Cancelled => "annullato",
        _ => outcome,
    };
}
