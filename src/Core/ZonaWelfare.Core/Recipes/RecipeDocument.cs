using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ZonaWelfare.Abstractions.Recipes;

namespace ZonaWelfare.Core.Recipes;

/// <summary>A parsed recipe: its header, its steps, and a map from JSON paths to line numbers for errors.</summary>
public sealed partial class RecipeDocument
{
    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };
    private static readonly HashSet<string> HeaderProperties = ["$schema", "name", "displayName", "description", "version", "steps"];

    private readonly JsonLineMap _lines;

    private RecipeDocument(string source, JsonDocument document, JsonLineMap lines)
    {
        Source = source;
        _lines = lines;
        var root = document.RootElement;
        Name = root.GetProperty("name").GetString()!;
        DisplayName = root.GetProperty("displayName").GetString()!;
        Description = root.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
        Version = root.GetProperty("version").GetString()!;
        Steps = root.GetProperty("steps").EnumerateArray().Select(s => s.Clone()).ToList();
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
    }

    public string Source { get; }

    public string Name { get; }

    public string DisplayName { get; }

    public string Description { get; }

    public string Version { get; }

    public IReadOnlyList<JsonElement> Steps { get; }

    /// <summary>SHA-256 of the recipe text.</summary>
    public string Hash { get; }

    /// <summary>Name of the step at <paramref name="index"/>.</summary>
    public string StepName(int index) => Steps[index].GetProperty("name").GetString()!;

    /// <summary>The line (1-based) of the value at a JSON path, or of its nearest parent that has one.</summary>
    public long? LineOf(string jsonPath) => _lines.LineOf(jsonPath);

    /// <summary>Parses and checks the recipe header; throws <see cref="RecipeValidationException"/> with line numbers.</summary>
    public static RecipeDocument Parse(string text, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, ParseOptions);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber + 1;
            throw new RecipeValidationException(sourceName, [new RecipeError(null, null, "$", $"JSON non valido alla riga {line}, colonna {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}", line)]);
        }

        using (document)
        {
            var lines = JsonLineMap.Build(text);
            var errors = CheckHeader(document.RootElement, lines);
            if (errors.Count > 0)
            {
                throw new RecipeValidationException(sourceName, errors);
            }

            return new RecipeDocument(text, document, lines);
        }
    }

    private static List<RecipeError> CheckHeader(JsonElement root, JsonLineMap lines)
    {
        var errors = new List<RecipeError>();
        void Error(string path, string message) => errors.Add(new RecipeError(null, null, path, message, lines.LineOf(path)));

        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", "una ricetta è un oggetto JSON.");
            return errors;
        }

        foreach (var property in root.EnumerateObject().Where(p => !HeaderProperties.Contains(p.Name)))
        {
            Error("$." + property.Name, $"campo sconosciuto '{property.Name}'.");
        }

        foreach (var required in new[] { "name", "displayName", "version" })
        {
            if (!root.TryGetProperty(required, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Error("$." + required, $"manca il campo obbligatorio '{required}' (testo).");
            }
        }

        if (root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && !RecipeName().IsMatch(name.GetString()!))
        {
            Error("$.name", "il nome della ricetta usa solo lettere minuscole, cifre e '-'.");
        }

        if (root.TryGetProperty("description", out var description) && description.ValueKind != JsonValueKind.String)
        {
            Error("$.description", "la descrizione è un testo.");
        }

        if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            Error("$.steps", "manca l'elenco dei passi 'steps' (array).");
            return errors;
        }

        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            var path = $"$.steps[{index}]";
            if (step.ValueKind != JsonValueKind.Object)
            {
                Error(path, "ogni passo è un oggetto JSON.");
            }
            else if (!step.TryGetProperty("name", out var stepName) || stepName.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(stepName.GetString()))
            {
                Error(path + ".name", "ogni passo ha un campo 'name' che dice di che passo si tratta.");
            }

            index++;
        }

        return errors;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,80}$")]
    private static partial System.Text.RegularExpressions.Regex RecipeName();
}
