using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Recipes;

namespace ZonaWelfare.Core.Recipes;

/// <summary>Bound from the <c>Platform</c> configuration section.</summary>
public sealed class PlatformOptions
{
    public const string SectionName = "Platform";

    /// <summary>Folder of <c>*.recipe.json</c> files; relative paths are under the application folder.</summary>
    public string RecipesPath { get; set; } = "recipes";

    /// <summary>Zones to create on first run, each from a recipe file of <see cref="RecipesPath"/>.</summary>
    public List<InitialZone> InitialZones { get; set; } = [];

    public string AdminUserName { get; set; } = "admin";

    /// <summary>Password of the first platform administrator; generated and printed once when empty.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// A zone still being created after this long was interrupted (its process died): the next start removes its
    /// store and its reservation. Creating a zone takes seconds; the margin covers a slow start beside it.
    /// </summary>
    public TimeSpan InterruptedCreationAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Host names the platform itself answers on (its administration and list of zones): no zone may claim them.
    /// </summary>
    public List<string> HostNames { get; set; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// How many zones this process keeps activated at most. Beyond it the least recently requested idle zones are
    /// released (their pooled connections, search indexes and caches), and re-activated on their next request, so
    /// descriptors and memory stay bounded whatever the number of zones. 0 keeps every zone activated.
    /// </summary>
    public int MaxActiveZones { get; set; } = 200;

    /// <summary>A zone no request has used for this long is released too, whatever the bound. Zero or less: never.</summary>
    public TimeSpan ZoneIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed class InitialZone
{
    public string Slug { get; set; } = "";

    public string Recipe { get; set; } = "";
}

/// <summary>A recipe file offered to platform administrators.</summary>
public sealed record RecipeFileInfo(string FileName, string Name, string DisplayName, string Description, string Version, string? Error);

/// <summary>The recipes shipped with the application (the <c>recipes/</c> folder).</summary>
public sealed class RecipeLibrary(IOptions<PlatformOptions> options, IHostEnvironment environment)
{
    public string Folder { get; } = ResolveFolder(options.Value.RecipesPath, environment);

    public IReadOnlyList<RecipeFileInfo> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(Folder, "*.recipe.json")
            .Order(StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
    }

    /// <summary>Reads a recipe of the library by file name; the name cannot leave the folder.</summary>
    public RecipeDocument Load(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var path = Path.Combine(Folder, name);
        if (name != fileName || !File.Exists(path))
        {
            throw new FileNotFoundException($"La ricetta '{fileName}' non esiste nella cartella delle ricette.", fileName);
        }

        return RecipeDocument.Parse(File.ReadAllText(path), name);
    }

    private RecipeFileInfo Describe(string path)
    {
        var fileName = Path.GetFileName(path);
        try
        {
            var recipe = RecipeDocument.Parse(File.ReadAllText(path), fileName);
            return new RecipeFileInfo(fileName, recipe.Name, recipe.DisplayName, recipe.Description, recipe.Version, null);
        }
        catch (RecipeValidationException ex)
        {
            return new RecipeFileInfo(fileName, fileName, fileName, "", "", ex.Message);
        }
    }

    private static string ResolveFolder(string configured, IHostEnvironment environment)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        // Published apps carry recipes/ beside the binaries; under `dotnet run` the repository's folder is found upwards.
        var candidates = new[] { AppContext.BaseDirectory, environment.ContentRootPath };
        foreach (var start in candidates)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, configured);
    }
}
