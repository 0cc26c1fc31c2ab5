using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Modules.Workflows.Admin;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Services;

namespace ZonaWelfare.Modules.Workflows.Controllers;

/// <summary>
/// Instances of the zone's workflows: filtered by type, status and item, newest first, a page at a time by keyset on
/// the indexes (never reading their input or state); one instance with its history; retry and cancel.
/// </summary>
[ZonePermission(WorkflowsPermissions.ViewWorkflowsName)]
[Route("admin/workflows/instances")]
internal sealed class WorkflowInstancesController(
    WorkflowsDbContext db,
    WorkflowTypeStore store,
    WorkflowActivityCatalog catalog,
    WorkflowRunner runner,
    IContentManager contents,
    IAuthorizationService authorization) : Controller
{
    public const int PageSize = 25;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? type, string? status, string? item, string? after, string? before, CancellationToken cancellationToken)
    {
        type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        item = string.IsNullOrWhiteSpace(item) ? null : item.Trim();
        status = string.IsNullOrWhiteSpace(status) ? null : status;
        if (status is not null && !WorkflowStatus.All.Contains(status))
        {
            return NotFound();
        }

        var filtered = db.Instances.AsNoTracking();
        if (type is not null)
        {
            filtered = filtered.Where(i => i.TypeName == type);
        }

        if (item is not null)
        {
            filtered = filtered.Where(i => i.CorrelationId == item);
        }

        // The chips: instances per status under the other filters (a GROUP BY the indexes answer).
        var counts = await filtered.GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, cancellationToken);
        if (status is not null)
        {
            filtered = filtered.Where(i => i.Status == status);
        }

        var newer = Cursor.Parse(before);
        var older = newer is null ? Cursor.Parse(after) : null;
        List<WorkflowInstanceRow> rows;
        bool hasNewer, hasOlder;
        if (newer is { } n)
        {
            rows = await Select(filtered.Where(i => i.CreatedUtc > n.CreatedUtc || (i.CreatedUtc == n.CreatedUtc && i.Id.CompareTo(n.Id) > 0))
                .OrderBy(i => i.CreatedUtc).ThenBy(i => i.Id)).Take(PageSize + 1).ToListAsync(cancellationToken);
            hasNewer = rows.Count > PageSize;
            rows = rows.Take(PageSize).Reverse().ToList();
            hasOlder = true;
        }
        else
        {
            var query = filtered;
            if (older is { } o)
            {
                query = query.Where(i => i.CreatedUtc < o.CreatedUtc || (i.CreatedUtc == o.CreatedUtc && i.Id.CompareTo(o.Id) < 0));
            }

            rows = await Select(query.OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id)).Take(PageSize + 1).ToListAsync(cancellationToken);
            hasOlder = rows.Count > PageSize;
            rows = rows.Take(PageSize).ToList();
            hasNewer = older is not null;
        }

        var types = await db.Types.AsNoTracking().OrderBy(t => t.DisplayName).Select(t => new { t.Name, t.DisplayName })
            .ToDictionaryAsync(t => t.Name, t => t.DisplayName, StringComparer.Ordinal, cancellationToken);
        var model = new WorkflowInstanceListModel(
            rows,
            types,
            counts,
            type,
            status,
            item,
            hasNewer && rows.Count > 0 ? new Cursor(rows[0].CreatedUtc, rows[0].Id).ToString() : null,
            hasOlder && rows.Count > 0 ? new Cursor(rows[^1].CreatedUtc, rows[^1].Id).ToString() : null);
        return View("~/Views/Workflows/Instances/Index.cshtml", model);
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Show(string id, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null)
        {
            return NotFound();
        }

        var definition = await store.GetVersionAsync(instance.TypeName, instance.Version, cancellationToken);
        var displayName = await db.Types.AsNoTracking().Where(t => t.Name == instance.TypeName).Select(t => t.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var history = await db.History.AsNoTracking().Where(h => h.InstanceId == id).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.DueUtc).ToListAsync(cancellationToken);
        var item = instance.CorrelationId is { } correlation ? await contents.GetAsync(correlation, VersionOptions.Latest, cancellationToken) : null;
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in definition?.Activities ?? [])
        {
            titles.TryAdd(activity.Id, catalog.Find(activity.Activity) is { } known ? WorkflowTypeValidator.Title(activity, known) : activity.Id);
        }

        var state = InstanceState.Read(instance.State);
        var model = new WorkflowInstancePageModel(
            instance,
            displayName ?? instance.TypeName,
            titles,
            Pretty(instance.Input),
            state.Waiting,
            timers,
            history,
            item?.DisplayText,
            await authorization.AuthorizeAsync(User, WorkflowsPermissions.ManageWorkflows));
        return View("~/Views/Workflows/Instances/Show.cshtml", model);
    }

    [HttpPost("{id}/retry")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public Task<IActionResult> Retry(string id, CancellationToken cancellationToken) =>
        ActAsync(id, () => runner.RetryAsync(id, cancellationToken), "Nuovo tentativo eseguito: lo stato qui sotto dice com'è andato.");

    [HttpPost("{id}/cancel")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public Task<IActionResult> Cancel(string id, CancellationToken cancellationToken) =>
        ActAsync(id, () => runner.CancelAsync(id, User.Identity?.Name, cancellationToken), "L'istanza è stata annullata: non attende più eventi e i suoi timer non scatteranno.");

    private async Task<IActionResult> ActAsync(string id, Func<Task> action, string message)
    {
        try
        {
            await action();
            TempData["Message"] = message;
        }
        catch (WorkflowException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return Redirect(Url.Content("~/admin/workflows/instances/" + Uri.EscapeDataString(id)));
    }

    /// <summary>Only the listed columns: the instance's input, state and full fault stay in the database.</summary>
    private static IQueryable<WorkflowInstanceRow> Select(IQueryable<WorkflowInstanceRecord> query) =>
        query.Select(i => new WorkflowInstanceRow(i.Id, i.TypeName, i.Version, i.Status, i.CorrelationId, i.CreatedUtc, i.UpdatedUtc, i.EndedUtc));

    private static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(WorkflowEditorForm.Pretty) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A position in the list (creation time and id, the list's order), written into the page's links.</summary>
    internal readonly record struct Cursor(DateTime CreatedUtc, string Id)
    {
        public override string ToString() => CreatedUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "-" + Id;

        public static Cursor? Parse(string? text)
        {
            var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
            return dash > 0 && long.TryParse(text![..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                ? new Cursor(new DateTime(ticks, DateTimeKind.Utc), text[(dash + 1)..])
                : null;
        }
    }
}

internal sealed record WorkflowInstanceRow(string Id, string TypeName, int Version, string Status, string? CorrelationId, DateTime CreatedUtc, DateTime UpdatedUtc, DateTime? EndedUtc);

internal sealed record WorkflowInstanceListModel(
    IReadOnlyList<WorkflowInstanceRow> Rows,
    IReadOnlyDictionary<string, string> Types,
    IReadOnlyDictionary<string, int> Counts,
    string? Type,
    string? Status,
    string? Item,
    string? NewerCursor,
    string? OlderCursor);

internal sealed record WorkflowInstancePageModel(
    WorkflowInstanceRecord Instance,
    string TypeDisplayName,
    IReadOnlyDictionary<string, string> Titles,
    string Input,
    IReadOnlyList<string> Waiting,
    IReadOnlyList<WorkflowTimerRecord> Timers,
    IReadOnlyList<WorkflowHistoryRecord> History,
    string? ItemTitle,
    bool CanManage)
{
    public bool Ended => Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled;

    public string Title(string activityId) => activityId.Length == 0 ? "Flusso" : Titles.GetValueOrDefault(activityId, activityId);
}
