namespace ZonaWelfare.Abstractions.Recipes;

/// <summary>One problem found in a recipe: where (step, JSON path, line when known) and what.</summary>
public sealed record RecipeError(int? StepNumber, string? StepName, string JsonPath, string Message, long? Line = null)
{
    public override string ToString()
    {
        var where = StepNumber is { } n ? $"passo {n} «{StepName}», {JsonPath}" : JsonPath;
        if (Line is { } line)
        {
            where += $" (riga {line})";
        }

        return $"{where}: {Message}";
    }
}

/// <summary>Thrown when a recipe is not valid; nothing was written.</summary>
public sealed class RecipeValidationException(string recipeName, IReadOnlyList<RecipeError> errors)
    : Exception($"La ricetta «{recipeName}» non è valida: " + string.Join("; ", errors))
{
    public string RecipeName { get; } = recipeName;

    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}
