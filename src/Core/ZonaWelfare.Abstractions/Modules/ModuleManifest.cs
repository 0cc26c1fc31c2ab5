using System.Text.RegularExpressions;

namespace ZonaWelfare.Abstractions.Modules;

/// <summary>Describes a module: a stable id used in recipes and URLs, an Italian display name and its dependencies.</summary>
public sealed partial record ModuleManifest
{
    public ModuleManifest(string id, string name, string description = "", IReadOnlyList<string>? dependsOn = null)
    {
        if (!IdPattern().IsMatch(id))
        {
            throw new ArgumentException($"Module id '{id}' is not valid: use lower-case letters, digits and '-'.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
        Description = description;
        DependsOn = dependsOn ?? [];
    }

    /// <summary>Stable id, e.g. <c>bussola</c>.</summary>
    public string Id { get; }

    /// <summary>Display name shown to administrators (Italian).</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>Ids of the modules this one needs; enabling it enables them too.</summary>
    public IReadOnlyList<string> DependsOn { get; }

    /// <summary>The regular expression a module id must match.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{1,40}$")]
    public static partial Regex IdPattern();
}
