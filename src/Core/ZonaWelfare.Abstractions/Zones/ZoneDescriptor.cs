namespace ZonaWelfare.Abstractions.Zones;

/// <summary>An immutable snapshot of a zone's registry entry.</summary>
public sealed record ZoneDescriptor(
    string Slug,
    string DisplayName,
    ZoneState State,
    IReadOnlyList<string> HostNames,
    IReadOnlyList<string> Comuni,
    IReadOnlySet<string> EnabledModules,
    string? RecipeName,
    string? RecipeVersion,
    DateTime CreatedUtc,
    DateTime UpdatedUtc)
{
    public bool IsModuleEnabled(string moduleId) => EnabledModules.Contains(moduleId);
}
