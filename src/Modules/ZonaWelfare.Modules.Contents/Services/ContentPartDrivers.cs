using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// The part drivers that apply to a type in the current zone, in the order of the type's parts. A driver of
/// a module the zone has not enabled is left out, so its part is kept as stored and not shown.
/// </summary>
internal sealed class ContentPartDrivers(IEnumerable<IContentPartDriver> drivers, IZoneContext zone)
{
    /// <summary>The type's parts that no applicable driver edits: the editor keeps them as stored.</summary>
    public IReadOnlyList<string> Unedited(ContentTypeDefinition type)
    {
        var edited = For(type).Select(d => d.PartName).ToHashSet(StringComparer.Ordinal);
        return type.PartNames.Where(p => !edited.Contains(p)).ToList();
    }

    /// <summary>Whether a module's driver or validator applies: a recipe validating a new zone has no zone yet, and the type's parts were checked against the planned modules.</summary>
    public static bool Applies(IZoneContext zone, string moduleId) => zone.Zone is not { } current || current.IsModuleEnabled(moduleId);

    private readonly Dictionary<string, IContentPartDriver> _drivers = drivers.GroupBy(d => d.PartName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IReadOnlyList<IContentPartDriver> For(ContentTypeDefinition type) =>
        type.PartNames
            .Select(name => _drivers.GetValueOrDefault(name))
            .OfType<IContentPartDriver>()
            .Where(d => Applies(zone, d.ModuleId))
            .ToList();
}

/// <summary>The validators of the parts of a type in the current zone (see <see cref="IContentPartValidator"/>).</summary>
internal sealed class ContentPartValidators(IEnumerable<IContentPartValidator> validators, IZoneContext zone)
{

    /// <summary>Every driver's problems with the document's parts, keyed by their path in the document.</summary>
    public async Task<List<ContentProblem>> ValidateAsync(ContentTypeDefinition type, string contentItemId, System.Text.Json.Nodes.JsonObject content, CancellationToken cancellationToken)
    {
        var item = new ContentItem { ContentItemId = contentItemId, ContentItemVersionId = "", ContentType = type.Name, Content = content };
        var context = new PartValidationContext();
        foreach (var validator in validators.Where(v => type.HasPart(v.PartName) && ContentPartDrivers.Applies(zone, v.ModuleId)))
        {
            await validator.ValidateAsync(item, context, cancellationToken);
        }

        return context.Problems.Select(p => new ContentProblem(p.Key, p.Message)).ToList();
    }
}
