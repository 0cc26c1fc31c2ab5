using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Modules.Workflows.Admin;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Models;
using ZonaWelfare.Modules.Workflows.Services;

namespace ZonaWelfare.Modules.Workflows.Controllers;

/// <summary>The zone's workflow types: the list with their instances' counts, a type with its graph and versions, the editor.</summary>
[ZonePermission(WorkflowsPermissions.ViewWorkflowsName)]
[Route("admin/workflows")]
internal sealed class WorkflowTypesController(
    WorkflowsDbContext db,
    WorkflowInstanceQuery instances,
    WorkflowTypeStore store,
    WorkflowTypeValidator validator,
    WorkflowActivityCatalog catalog,
    WorkflowRunner runner,
    IContentMetadata contentMetadata,
    IZoneContext zoneContext,
    IAuthorizationService authorization) : Controller
{
    /// <summary>Addresses under <c>admin/workflows</c> that are not types.</summary>
    private static readonly string[] ReservedNames = ["new", "instances"];

    private static readonly JsonSerializerOptions IndentedStoreJson = new(WorkflowTypeStore.StoreJson) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // The current version of every type in one query, and the instances per type and status in another (from the index).
        var types = await db.Types.AsNoTracking()
            .Join(db.TypeVersions, t => new { Name = t.Name, Version = t.CurrentVersion }, v => new { Name = v.TypeName, v.Version }, (t, v) => new { t.Name, t.DisplayName, t.Enabled, t.CurrentVersion, t.UpdatedUtc, v.Definition })
            .ToListAsync(cancellationToken);
        var counts = await StatusCountsAsync(null, cancellationToken);
        var rows = types
            .Select(t =>
            {
                var definition = JsonSerializer.Deserialize<WorkflowTypeDefinition>(t.Definition, WorkflowTypeStore.StoreJson)!;
                var byStatus = counts.GetValueOrDefault(t.Name) ?? new Dictionary<string, int>();
                return new WorkflowTypeRow(t.Name, t.DisplayName, t.Enabled, t.CurrentVersion, t.UpdatedUtc, definition.Description, HasManualStart(definition), byStatus);
            })
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();
        return View("~/Views/Workflows/Types/Index.cshtml", new WorkflowListModel(rows, await CanManageAsync()));
    }

    [HttpGet("{name}")]
    public async Task<IActionResult> Show(string name, int? version, CancellationToken cancellationToken)
    {
        var type = await db.Types.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var shown = version ?? type.CurrentVersion;
        var definition = await store.GetVersionAsync(name, shown, cancellationToken);
        if (definition is null)
        {
            return NotFound();
        }

        var versions = await db.TypeVersions.AsNoTracking().Where(v => v.TypeName == name).OrderByDescending(v => v.Version)
            .Select(v => new WorkflowVersionRow(v.Version, v.CreatedUtc, v.CreatedBy)).ToListAsync(cancellationToken);
        var counts = (await StatusCountsAsync(name, cancellationToken)).GetValueOrDefault(name) ?? new Dictionary<string, int>();
        var model = new WorkflowTypePageModel(type, definition, shown, versions, counts, WorkflowGraph.Build(definition, catalog), HasManualStart(definition), await CanManageAsync(), JsonSerializer.Serialize(definition, IndentedStoreJson), catalog);
        return View("~/Views/Workflows/Types/Show.cshtml", model);
    }

    [HttpGet("new")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public IActionResult New(string? vista)
    {
        var start = catalog.Find("ManualStart")!;
        var form = new WorkflowEditorForm("", "", "", Enabled: true, Singleton: false, [new ActivityRow("avvio", "", start.Name, true, "{}")], []);
        return Editor(null, form, vista == "json" ? "{\n  \"name\": \"\",\n  \"displayName\": \"\",\n  \"activities\": [],\n  \"transitions\": []\n}" : null, [], StatusCodes.Status200OK);
    }

    [HttpPost("new")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public Task<IActionResult> Create(CancellationToken cancellationToken) => SaveAsync(null, cancellationToken);

    [HttpGet("{name}/edit")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public async Task<IActionResult> Edit(string name, string? vista, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(name, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        return Editor(found.Type, WorkflowEditorForm.From(found.Definition), vista == "json" ? JsonSerializer.Serialize(found.Definition, IndentedStoreJson) : null, [], StatusCodes.Status200OK);
    }

    [HttpPost("{name}/edit")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public Task<IActionResult> Save(string name, CancellationToken cancellationToken) => SaveAsync(name, cancellationToken);

    [HttpPost("{name}/start")]
    [ZonePermission(WorkflowsPermissions.ManageWorkflowsName)]
    public async Task<IActionResult> Start(string name, string? item, CancellationToken cancellationToken)
    {
        try
        {
            var id = await runner.StartManuallyAsync(name, string.IsNullOrWhiteSpace(item) ? null : item.Trim(), User.Identity?.Name, cancellationToken);
            TempData["Message"] = "Il flusso è stato avviato.";
            return Redirect(Url.Content("~/admin/workflows/instances/" + id));
        }
        catch (WorkflowException ex)
        {
            TempData["Error"] = ex.Message;
            return Redirect(Url.Content("~/admin/workflows"));
        }
    }

    private async Task<IActionResult> SaveAsync(string? existingName, CancellationToken cancellationToken)
    {
        WorkflowTypeRecord? existing = null;
        if (existingName is not null && (existing = (await store.GetAsync(existingName, cancellationToken))?.Type) is null)
        {
            return NotFound();
        }

        var posted = await Request.ReadFormAsync(cancellationToken);
        var intent = posted["intent"].ToString();
        if (intent == "json")
        {
            return await SaveJsonAsync(existing, posted["json"].ToString(), cancellationToken);
        }

        var form = WorkflowEditorForm.Read(posted);
        if (existing is not null)
        {
            form = form with { Name = existing.Name };
        }

        // Rows added or removed by the form's own buttons (the page's script does the same without a round trip).
        if (intent == "add-activity")
        {
            var task = catalog.Offered(zoneContext.Current.EnabledModules).First(a => a.Kind == WorkflowActivityKind.Task);
            return Editor(existing, form.WithActivity(new ActivityRow(form.NewActivityId(), "", task.Name, false, "{}")), null, [], StatusCodes.Status200OK);
        }

        if (intent == "add-transition")
        {
            return Editor(existing, form.WithTransition(new TransitionRow("", WorkflowOutcomes.Done.Name, "")), null, [], StatusCodes.Status200OK);
        }

        if (intent.StartsWith("remove-activity:", StringComparison.Ordinal) && int.TryParse(intent["remove-activity:".Length..], out var activityIndex))
        {
            return Editor(existing, form.WithoutActivity(activityIndex), null, [], StatusCodes.Status200OK);
        }

        if (intent.StartsWith("remove-transition:", StringComparison.Ordinal) && int.TryParse(intent["remove-transition:".Length..], out var transitionIndex))
        {
            return Editor(existing, form.WithoutTransition(transitionIndex), null, [], StatusCodes.Status200OK);
        }

        var (definition, problems) = form.ToDefinition();
        var all = problems.ToList();
        if (definition is not null)
        {
            all.AddRange(await ValidateAsync(definition, existing, cancellationToken));
        }

        if (all.Count > 0 || definition is null)
        {
            return Editor(existing, form, null, all, StatusCodes.Status400BadRequest);
        }

        return await StoreAsync(definition, cancellationToken);
    }

    private async Task<IActionResult> SaveJsonAsync(WorkflowTypeRecord? existing, string json, CancellationToken cancellationToken)
    {
        WorkflowTypeDefinition? definition = null;
        var problems = new List<(string Path, string Message)>();
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowTypeDefinition>(json, WorkflowTypeStore.StoreJson);
            if (definition is null)
            {
                problems.Add(("json", "il testo è vuoto: scrivere il flusso come oggetto JSON."));
            }
        }
        catch (JsonException ex)
        {
            problems.Add(("json", $"il JSON non è valido (riga {(ex.LineNumber ?? 0) + 1}, carattere {(ex.BytePositionInLine ?? 0) + 1}): controllare virgole, virgolette e parentesi."));
        }

        if (definition is not null)
        {
            definition = Normalize(definition);
            if (existing is not null && definition.Name != existing.Name)
            {
                problems.Add(("name", $"il nome tecnico del flusso non si può cambiare: deve restare «{existing.Name}»."));
            }
            else
            {
                problems.AddRange(await ValidateAsync(definition, existing, cancellationToken));
            }
        }

        if (problems.Count > 0 || definition is null)
        {
            var form = definition is null ? WorkflowEditorForm.From(await CurrentOrEmptyAsync(existing, cancellationToken)) : WorkflowEditorForm.From(definition);
            return Editor(existing, form, json, problems, StatusCodes.Status400BadRequest);
        }

        return await StoreAsync(definition, cancellationToken);
    }

    private async Task<IActionResult> StoreAsync(WorkflowTypeDefinition definition, CancellationToken cancellationToken)
    {
        var (version, changed) = await store.SaveAsync(definition, User.Identity?.Name, cancellationToken);
        TempData["Message"] = changed
            ? $"Salvata la versione {version} del flusso «{definition.DisplayName}»: le nuove istanze la usano, quelle già avviate restano sulla loro."
            : $"Nessuna modifica: resta in uso la versione {version}.";
        return Redirect(Url.Content("~/admin/workflows/" + definition.Name));
    }

    private async Task<IReadOnlyList<(string Path, string Message)>> ValidateAsync(WorkflowTypeDefinition definition, WorkflowTypeRecord? existing, CancellationToken cancellationToken)
    {
        var problems = new List<(string Path, string Message)>();
        if (existing is null)
        {
            if (ReservedNames.Contains(definition.Name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(("name", $"il nome «{definition.Name}» è riservato: sceglierne un altro."));
            }
            else if (definition.Name.Length > 0 && await db.Types.AsNoTracking().AnyAsync(t => t.Name == definition.Name, cancellationToken))
            {
                problems.Add(("name", $"esiste già un flusso con il nome «{definition.Name}»: sceglierne un altro, o modificare quello."));
            }
        }

        problems.AddRange(await validator.ValidateAsync(definition, zoneContext.Current.EnabledModules, contentMetadata.GetTypeAsync, cancellationToken));
        return problems;
    }

    private async Task<WorkflowTypeDefinition> CurrentOrEmptyAsync(WorkflowTypeRecord? existing, CancellationToken cancellationToken) =>
        existing is not null && await store.GetVersionAsync(existing.Name, existing.CurrentVersion, cancellationToken) is { } current
            ? current
            : new WorkflowTypeDefinition("", "", [], []);

    /// <summary>JSON written by hand may leave out what the record requires: treat missing values as empty, for the validator to name.</summary>
    private static WorkflowTypeDefinition Normalize(WorkflowTypeDefinition definition) => definition with
    {
        Name = definition.Name ?? "",
        DisplayName = definition.DisplayName ?? "",
        Activities = (definition.Activities ?? []).Where(a => a is not null).Select(a => a with { Id = a.Id ?? "", Activity = a.Activity ?? "" }).ToList(),
        Transitions = (definition.Transitions ?? []).Where(t => t is not null).Select(t => t with { From = t.From ?? "", Outcome = t.Outcome ?? "", To = t.To ?? "" }).ToList(),
    };

    private ViewResult Editor(WorkflowTypeRecord? existing, WorkflowEditorForm form, string? json, IReadOnlyList<(string Path, string Message)> problems, int status)
    {
        Response.StatusCode = status;
        var offered = catalog.Offered(zoneContext.Current.EnabledModules);
        var schemas = offered.ToDictionary(a => a.Name, a => Schema(a.OptionsType), StringComparer.Ordinal);
        WorkflowGraphModel? graph = null;
        if (form.ToDefinition().Definition is { } drawn)
        {
            graph = WorkflowGraph.Build(drawn with { DisplayName = drawn.DisplayName.Length > 0 ? drawn.DisplayName : "nuovo" }, catalog);
        }

        // Outcomes the rows can leave by (for the transitions' suggestions), as far as their options are readable.
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal) { [WorkflowOutcomes.Done.Name] = WorkflowOutcomes.Done.DisplayName };
        foreach (var row in form.Activities)
        {
            try
            {
                if (catalog.Find(row.Activity) is { } activity && (row.Options.Trim().Length == 0 ? null : JsonNode.Parse(row.Options)) is var node && (node is null || node is JsonObject))
                {
                    foreach (var outcome in activity.Outcomes(activity.ReadOptions(node as JsonObject)))
                    {
                        outcomes.TryAdd(outcome.Name, outcome.DisplayName);
                    }
                }
            }
            catch (JsonException)
            {
                // Not readable yet: the validator will say so on save.
            }
        }

        var model = new WorkflowEditorModel(existing, form, json, offered, schemas, new WorkflowProblems(problems), graph, WorkflowText.Tokens, outcomes);
        return View("~/Views/Workflows/Types/Edit.cshtml", model);
    }

    /// <summary>The JSON schema of an activity's options record, as its options are read (camelCase, enums as strings).</summary>
    private static string Schema(Type optionsType) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(WorkflowActivity<object>.OptionsJson, optionsType, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true })
            .ToJsonString(WorkflowEditorForm.Pretty);

    private static bool HasManualStart(WorkflowTypeDefinition definition) =>
        definition.Activities.Any(a => a.Start && a.Activity == "ManualStart");

    /// <summary>Instances per type and status: the query bench/workflows times at 100,000 instances.</summary>
    private async Task<Dictionary<string, Dictionary<string, int>>> StatusCountsAsync(string? typeName, CancellationToken cancellationToken)
    {
        var counts = await instances.CountsAsync(typeName, cancellationToken);
        return counts.GroupBy(c => c.TypeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private async Task<bool> CanManageAsync() => await authorization.AuthorizeAsync(User, WorkflowsPermissions.ManageWorkflows);
}

internal sealed record WorkflowTypeRow(string Name, string DisplayName, bool Enabled, int Version, DateTime UpdatedUtc, string? Description, bool ManualStart, IReadOnlyDictionary<string, int> Counts)
{
    public int Count(string status) => Counts.GetValueOrDefault(status);
}

internal sealed record WorkflowListModel(IReadOnlyList<WorkflowTypeRow> Types, bool CanManage);

internal sealed record WorkflowVersionRow(int Version, DateTime CreatedUtc, string? CreatedBy);

internal sealed record WorkflowTypePageModel(
    WorkflowTypeRecord Type,
    WorkflowTypeDefinition Definition,
    int ShownVersion,
    IReadOnlyList<WorkflowVersionRow> Versions,
    IReadOnlyDictionary<string, int> Counts,
    WorkflowGraphModel Graph,
    bool ManualStart,
    bool CanManage,
    string Json,
    WorkflowActivityCatalog Catalog)
{
    public string KindOf(ActivityDefinition activity) => Catalog.Find(activity.Activity)?.DisplayName ?? activity.Activity;

    public string TitleOf(ActivityDefinition activity) => Catalog.Find(activity.Activity) is { } known ? WorkflowTypeValidator.Title(activity, known) : activity.Title ?? activity.Id;
}

internal sealed record WorkflowEditorModel(
    WorkflowTypeRecord? Existing,
    WorkflowEditorForm Form,
    string? Json,
    IReadOnlyList<IWorkflowActivity> Offered,
    IReadOnlyDictionary<string, string> Schemas,
    WorkflowProblems Problems,
    WorkflowGraphModel? Graph,
    IReadOnlyList<(string Token, string Meaning)> Tokens,
    IReadOnlyDictionary<string, string> Outcomes)
{
    public bool IsNew => Existing is null;

    public bool JsonView => Json is not null;

    public string Action => IsNew ? "~/admin/workflows/new" : $"~/admin/workflows/{Existing!.Name}/edit";
}

/// <summary>The validator's problems, by the input they belong to (its paths, e.g. <c>activities[2].options.condition.field</c>).</summary>
internal sealed partial class WorkflowProblems(IReadOnlyList<(string Path, string Message)> problems)
{
    public IReadOnlyList<(string Path, string Message)> All { get; } = problems.Select(p => (p.Path, Capitalize(p.Message))).ToList();

    public int Count => All.Count;

    /// <summary>Problems at <paramref name="path"/> or below it (<c>path.x</c>, <c>path[0]</c>).</summary>
    public IReadOnlyList<string> At(string path) =>
        All.Where(p => p.Path == path || p.Path.StartsWith(path + ".", StringComparison.Ordinal) || p.Path.StartsWith(path + "[", StringComparison.Ordinal)).Select(p => p.Message).ToList();

    /// <summary>Problems of a row not at one of its inputs.</summary>
    public IReadOnlyList<string> OfRowOnly(string row) => All.Where(p => p.Path == row).Select(p => p.Message).ToList();

    /// <summary>The element of the form a problem links to from the summary.</summary>
    public static string Anchor(string path)
    {
        var match = RowPath().Match(path);
        if (match.Success)
        {
            var row = (match.Groups[1].Value == "activities" ? "act-" : "tr-") + match.Groups[2].Value;
            return match.Groups[3].Success ? $"{row}-{match.Groups[3].Value}" : row;
        }

        return path switch
        {
            "name" or "displayName" or "json" => path,
            "transitions" => "transizioni",
            _ => "attivita",
        };
    }

    private static string Capitalize(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    [System.Text.RegularExpressions.GeneratedRegex(@"^(activities|transitions)\[(\d+)\](?:\.(\w+))?")]
    private static partial System.Text.RegularExpressions.Regex RowPath();
}
