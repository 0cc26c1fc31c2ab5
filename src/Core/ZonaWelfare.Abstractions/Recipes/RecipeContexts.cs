namespace ZonaWelfare.Abstractions.Recipes;

/// <summary>The part of the platform registry a recipe may change for its zone.</summary>
public sealed class ZonePlan
{
    public required string Slug { get; init; }

    public string DisplayName { get; set; } = "";

    public List<string> HostNames { get; } = [];

    public List<string> Comuni { get; } = [];

    public SortedSet<string> EnabledModules { get; } = new(StringComparer.Ordinal);
}

/// <summary>Shared state of one step while the recipe is validated.</summary>
public sealed class RecipeValidationContext(IServiceProvider services, ZonePlan plan, bool isNewZone)
{
    private readonly List<RecipeError> _errors = [];

    /// <summary>Services of the target zone's scope; the zone's database may not exist yet when <see cref="IsNewZone"/>.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>What the zone will look like after the steps validated so far; steps update it.</summary>
    public ZonePlan Plan { get; } = plan;

    public bool IsNewZone { get; } = isNewZone;

    public int StepNumber { get; set; }

    public string StepName { get; set; } = "";

    /// <summary>JSON path of the current step, e.g. <c>$.steps[2]</c>.</summary>
    public string StepPath { get; set; } = "$";

    public IReadOnlyList<RecipeError> Errors => _errors;

    /// <summary>Reports a problem at a path relative to the step (e.g. <c>enable[1]</c>).</summary>
    public void AddError(string relativePath, string message) =>
        _errors.Add(new RecipeError(StepNumber, StepName, Combine(StepPath, relativePath), message));

    public static string Combine(string basePath, string relativePath) =>
        relativePath switch
        {
            "" or "$" => basePath,
            _ when relativePath.StartsWith('$') => basePath + relativePath[1..],
            _ when relativePath.StartsWith('[') => basePath + relativePath,
            _ => basePath + "." + relativePath,
        };
}

/// <summary>What a step may use while it writes.</summary>
public sealed class RecipeApplyContext(IServiceProvider services, ZonePlan plan)
{
    /// <summary>Services of the zone's scope; its database transaction is open.</summary>
    public IServiceProvider Services { get; } = services;

    private readonly List<string> _changes = [];

    /// <summary>Registry changes; the engine saves them with the rest.</summary>
    public ZonePlan Plan { get; } = plan;

    /// <summary>What the recipe changed; empty when re-applying it changed nothing.</summary>
    public IReadOnlyList<string> Changes => _changes;

    /// <summary>Steps report each real change, so re-applying an unchanged recipe reports none.</summary>
    public void RecordChange(string description) => _changes.Add(description);
}

/// <summary>What a step may use while it exports a zone.</summary>
public sealed class RecipeExportContext(IServiceProvider services, ZonePlan zone)
{
    public IServiceProvider Services { get; } = services;

    public ZonePlan Zone { get; } = zone;
}
