using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>The permissions of one module (or of the platform, when <see cref="ModuleId"/> is null), as the roles page shows them.</summary>
internal sealed record PermissionGroup(string? ModuleId, string Title, IReadOnlyList<Permission> Permissions);

/// <summary>
/// Every permission the host's modules declare through <see cref="IPermissionProvider"/>, with the module each
/// belongs to (its <see cref="Permission.ModuleId"/>, or else the module whose assembly declares it).
/// </summary>
internal sealed class PermissionCatalog
{
    public const string PlatformTitle = "Piattaforma";

    private readonly Dictionary<string, (Permission Permission, string? ModuleId)> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _defaults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _moduleNames;

    public PermissionCatalog(IEnumerable<IPermissionProvider> providers, IEnumerable<ZoneModule> modules)
    {
        var moduleList = modules.ToList();
        _moduleNames = moduleList.GroupBy(m => m.Manifest.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Manifest.Name, StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            var assemblyModule = moduleList.FirstOrDefault(m => m.GetType().Assembly == provider.GetType().Assembly)?.Manifest.Id;
            foreach (var permission in provider.GetPermissions())
            {
                _byName.TryAdd(permission.Name, (permission, permission.ModuleId ?? assemblyModule));
            }

            foreach (var (role, granted) in provider.GetDefaultGrants())
            {
                if (!_defaults.TryGetValue(role, out var names))
                {
                    _defaults[role] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.UnionWith(granted.Select(p => p.Name));
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool Contains(string name) => _byName.ContainsKey(name);

    public string? ModuleOf(string name) => _byName.TryGetValue(name, out var entry) ? entry.ModuleId : null;

    /// <summary>The permissions a role gets when it is created without a list: every one for the Amministratore, the providers' default grants for the other standard roles.</summary>
    public IReadOnlySet<string> DefaultsFor(string roleName) =>
        IsAdministrator(roleName) ? _byName.Keys.ToHashSet(StringComparer.Ordinal)
        : _defaults.TryGetValue(roleName, out var names) ? names.Where(Contains).ToHashSet(StringComparer.Ordinal)
        : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The permissions grouped by module, the platform's first; only modules <paramref name="includeModule"/> accepts.</summary>
    public IReadOnlyList<PermissionGroup> Groups(Func<string, bool> includeModule) =>
        _byName.Values
            .Where(e => e.ModuleId is null || includeModule(e.ModuleId))
            .GroupBy(e => e.ModuleId)
            .Select(g => new PermissionGroup(
                g.Key,
                g.Key is null ? PlatformTitle : _moduleNames.GetValueOrDefault(g.Key, g.Key),
                g.Select(e => e.Permission).OrderBy(p => p.Description, StringComparer.CurrentCulture).ToList()))
            .OrderBy(g => g.ModuleId is null ? 0 : 1)
            .ThenBy(g => g.Title, StringComparer.CurrentCulture)
            .ToList();

    public static bool IsAdministrator(string? roleName) => string.Equals(roleName, StandardRoles.Amministratore, StringComparison.OrdinalIgnoreCase);
}
