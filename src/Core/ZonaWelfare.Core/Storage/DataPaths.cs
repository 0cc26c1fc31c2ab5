using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ZonaWelfare.Core.Storage;

/// <summary>Resolves the local data folders: <c>{DataPath}</c> and <c>{DataPath}/zones/{slug}</c>.</summary>
internal sealed class DataPaths(IOptions<StorageOptions> options, IHostEnvironment environment)
{
    public string DataRoot { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataPath));

    public string ZoneFolder(string slug) => Path.Combine(DataRoot, "zones", slug);
}
