namespace ZonaWelfare.Testing;

/// <summary>Folders of the repository, found upwards from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Recipes => Path.Combine(Root, "recipes");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZonaWelfare.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ZonaWelfare.sln) was not found above " + AppContext.BaseDirectory);
    }
}
