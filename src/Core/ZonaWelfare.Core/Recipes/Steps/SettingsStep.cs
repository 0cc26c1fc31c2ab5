using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Core.Settings;

namespace ZonaWelfare.Core.Recipes.Steps;

/// <summary>The <c>settings</c> step: typed settings sections of the zone (e.g. <c>site</c>).</summary>
internal sealed class SettingsStep(IEnumerable<ZoneSettingsSection> sections) : RecipeStep<SettingsStep.Model>
{
    public const string StepName = "settings";

    private readonly Dictionary<string, ZoneSettingsSection> _sections = sections.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public override string Name => StepName;

    public override int ExportOrder => 20;

    /// <param name="Sections">Settings sections by name; each is checked against its typed model.</param>
    internal sealed record Model(IReadOnlyDictionary<string, JsonElement> Sections);

    public override JsonObject GetSchema()
    {
        var schema = base.GetSchema();
        var sections = new JsonObject();
        foreach (var section in _sections.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            sections[section.Name] = WithAnnotations(SchemaOf(section.SettingsType), section.SettingsType);
        }

        schema["properties"]!["sections"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = sections,
        };
        return schema;
    }

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in model.Sections)
        {
            var path = $"sections.{name}";
            if (!_sections.TryGetValue(name, out var section))
            {
                context.AddError(path, $"sezione di impostazioni sconosciuta '{name}'. Sezioni disponibili: {string.Join(", ", _sections.Keys.Order(StringComparer.Ordinal))}.");
            }
            else if (section.ModuleId is { } module && !context.Plan.EnabledModules.Contains(module))
            {
                context.AddError(path, $"la sezione '{name}' appartiene al modulo '{module}', che non è attivo nella zona.");
            }
            else
            {
                try
                {
                    ValidateAnnotations(value.Deserialize(section.SettingsType, SerializerOptions), path, context);
                }
                catch (JsonException ex)
                {
                    context.AddError(path + (ex.Path is { Length: > 1 } p ? p[1..] : ""), "valore non valido: " + ex.Message.Split(" Path:")[0]);
                }
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var store = (ZoneSettingsStore)context.Services.GetService(typeof(IZoneSettingsStore))!;
        foreach (var (name, value) in model.Sections)
        {
            var typed = value.Deserialize(_sections[name].SettingsType, SerializerOptions)!;
            if (await store.SaveIfChangedAsync(name, _sections[name].SettingsType, typed, cancellationToken))
            {
                context.RecordChange($"impostazioni «{name}»");
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var store = (ZoneSettingsStore)context.Services.GetService(typeof(IZoneSettingsStore))!;
        var stored = await store.ReadAllAsync(cancellationToken);
        var exported = stored.Where(s => _sections.TryGetValue(s.Key, out var section) && (section.ModuleId is null || context.Zone.EnabledModules.Contains(section.ModuleId)))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToDictionary(s => s.Key, s => JsonSerializer.Deserialize<JsonElement>(s.Value), StringComparer.Ordinal);
        return exported.Count == 0 ? null : new Model(exported);
    }

    /// <summary>Checks the data annotations of a settings type (e.g. a colour's pattern), with JSON paths to the fields.</summary>
    private static void ValidateAnnotations(object? settings, string path, RecipeValidationContext context)
    {
        if (settings is null)
        {
            return;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            return;
        }

        var jsonNames = SerializerOptions.GetTypeInfo(settings.GetType()).Properties
            .Where(p => p.AttributeProvider is MemberInfo)
            .ToDictionary(p => ((MemberInfo)p.AttributeProvider!).Name, p => p.Name, StringComparer.Ordinal);
        foreach (var result in results)
        {
            // A member name may point inside a list, e.g. "Comuni[1]": map the property, keep the index.
            var member = result.MemberNames.FirstOrDefault();
            var bracket = member?.IndexOf('[', StringComparison.Ordinal) ?? -1;
            var property = bracket > 0 ? member![..bracket] : member;
            var field = property is not null && jsonNames.TryGetValue(property, out var name) ? "." + name + (bracket > 0 ? member![bracket..] : "") : "";
            context.AddError(path + field, result.ErrorMessage ?? "valore non valido.");
        }
    }

    /// <summary>The schema exporter ignores data annotations: carry patterns and lengths over, so editors check them too.</summary>
    private static JsonObject WithAnnotations(JsonObject schema, Type settingsType)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return schema;
        }

        foreach (var property in SerializerOptions.GetTypeInfo(settingsType).Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || properties[property.Name] is not JsonObject node)
            {
                continue;
            }

            if (member.GetCustomAttribute<RegularExpressionAttribute>() is { } regex)
            {
                node["pattern"] = regex.Pattern;
            }

            if (member.GetCustomAttribute<StringLengthAttribute>() is { } length)
            {
                node["maxLength"] = length.MaximumLength;
            }
        }

        return schema;
    }
}
