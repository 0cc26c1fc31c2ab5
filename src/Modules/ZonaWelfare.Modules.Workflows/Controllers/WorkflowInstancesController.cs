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
    WorkflowInstanceQuery instances,
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

        var filter = new WorkflowInstanceFilter(type, status, item);
        // The chips: instances per status under the other filters (a GROUP BY the indexes answer).
        var counts = await instances.StatusCountsAsync(filter, cancellationToken);
        var page = await instances.PageAsync(filter, WorkflowInstanceCursor.Parse(before), WorkflowInstanceCursor.Parse(after), PageSize, cancellationToken);
        var types = await db.Types.AsNoTracking().OrderBy(t => t.DisplayName).Select(t => new { t.Name, t.DisplayName })
            .ToDictionaryAsync(t => t.Name, t => t.DisplayName, StringComparer.Ordinal, cancellationToken);
        var model = new WorkflowInstanceListModel(
            page.Items,
            types,
            counts,
            type,
            status,
            item,
            page.Newer?.ToString(),
            page.Older?.ToString());
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
}

internal sealed record WorkflowInstanceListModel(
    IReadOnlyList<WorkflowInstanceSummary> Rows,
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
