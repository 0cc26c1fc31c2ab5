namespace ZonaWelfare.Testing;

/// <summary>The files this process holds (Linux): open descriptors (/proc/self/fd) and memory-mapped files (/proc/self/maps).</summary>
public static class OpenFiles
{
    /// <summary>Distinct paths under <paramref name="folder"/> this process has open or mapped.</summary>
    public static List<string> Under(string folder)
    {
        var prefix = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var descriptors = Directory.GetFiles("/proc/self/fd").Select(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                return null;   // closed meanwhile
            }
        });
        var mapped = File.ReadAllLines("/proc/self/maps").Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : null);
        return descriptors.Concat(mapped).OfType<string>().Where(path => path.StartsWith(prefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
    }
}
