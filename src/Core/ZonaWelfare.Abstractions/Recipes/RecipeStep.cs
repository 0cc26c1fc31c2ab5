using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;

namespace ZonaWelfare.Abstractions.Recipes;

/// <summary>
/// Base for steps whose JSON maps to a typed model. The model is the schema: unknown properties,
/// missing required properties and nulls where the model does not allow them are errors with a path.
/// </summary>
public abstract class RecipeStep<TModel> : IRecipeStep
    where TModel : class
{
    /// <summary>Strict options shared by every recipe step.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = CreateOptions();

    public abstract string Name { get; }

    public virtual string? ModuleId => null;

    public virtual int ExportOrder => 100;

    public virtual JsonObject GetSchema()
    {
        var schema = SchemaOf(typeof(TModel));
        var properties = schema["properties"] as JsonObject ?? [];
        schema["properties"] = properties;
        properties.Insert(0, "name", new JsonObject { ["const"] = Name });
        var required = schema["required"] as JsonArray ?? [];
        required.Insert(0, "name");
        schema["required"] = required;
        schema["title"] = Name;
        return schema;
    }

    public async Task ValidateAsync(JsonElement stepJson, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        if (TryRead(stepJson, context) is { } model)
        {
            await ValidateAsync(model, context, cancellationToken);
        }
    }

    public Task ApplyAsync(JsonElement stepJson, RecipeApplyContext context, CancellationToken cancellationToken) =>
        ApplyAsync(Read(stepJson), context, cancellationToken);

    public async Task<JsonObject?> ExportAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var model = await ExportModelAsync(context, cancellationToken);
        if (model is null)
        {
            return null;
        }

        var node = JsonSerializer.SerializeToNode(model, SerializerOptions)!.AsObject();
        node.Insert(0, "name", Name);
        return node;
    }

    /// <summary>The JSON schema of a type as the strict recipe serializer reads it.</summary>
    protected static JsonObject SchemaOf(Type type) =>
        SerializerOptions.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).AsObject();

    protected abstract Task ValidateAsync(TModel model, RecipeValidationContext context, CancellationToken cancellationToken);

    protected abstract Task ApplyAsync(TModel model, RecipeApplyContext context, CancellationToken cancellationToken);

    protected virtual Task<TModel?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken) =>
        Task.FromResult<TModel?>(null);

    private static TModel Read(JsonElement step) =>
        WithoutName(step).Deserialize<TModel>(SerializerOptions)
        ?? throw new InvalidOperationException("A validated recipe step could not be read.");

    private static TModel? TryRead(JsonElement stepJson, RecipeValidationContext context)
    {
        try
        {
            var model = WithoutName(stepJson).Deserialize<TModel>(SerializerOptions);
            if (model is null)
            {
                context.AddError("$", "il passo è vuoto.");
            }

            return model;
        }
        catch (JsonException ex)
        {
            context.AddError(ex.Path ?? "$", DescribeJsonError(ex));
            return null;
        }
    }

    private static JsonObject WithoutName(JsonElement step)
    {
        var node = JsonNode.Parse(step.GetRawText())!.AsObject();
        node.Remove("name");
        return node;
    }

    private static string DescribeJsonError(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            var start = message.IndexOf("properties including:", StringComparison.Ordinal);
            var names = start >= 0 ? message[(start + "properties including:".Length)..].Trim().TrimEnd('.') : "";
            return $"manca un campo obbligatorio: {names}.";
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'');
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            var name = start >= 0 && end > start ? message[(start + 1)..end] : "?";
            return $"campo sconosciuto '{name}'.";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return "il valore non può essere null.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "tipo di valore non valido.";
        }

        return "JSON non valido: " + message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowTrailingCommas = false,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
