using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Core.Security;

/// <summary>Every permission the platform and the host's modules declare through <see cref="IPermissionProvider"/>, by name.</summary>
internal sealed class DeclaredPermissions(IEnumerable<IPermissionProvider> providers)
{
    private readonly Lazy<IReadOnlyDictionary<string, Permission>> _byName = new(() =>
    {
        var byName = new Dictionary<string, Permission>(StringComparer.Ordinal);
        foreach (var permission in providers.SelectMany(p => p.GetPermissions()))
        {
            byName.TryAdd(permission.Name, permission);
        }

        return byName;
    });

    public IReadOnlyCollection<string> Names => _byName.Value.Keys.Order(StringComparer.Ordinal).ToList();

    public Permission? Find(string name) => _byName.Value.GetValueOrDefault(name);

    public Permission Get(string name) => Find(name) ?? throw new InvalidOperationException(
        $"No module declares the permission '{name}' (declared: {string.Join(", ", Names)}). Check the name given to [ZonePermission].");

    /// <summary>
    /// Fails when an endpoint's <see cref="ZonePermissionAttribute"/> names a permission nobody declares, naming
    /// every such endpoint: a typo must stop the host at start-up, not let everyone in or keep everyone out.
    /// </summary>
    public void VerifyEndpoints(IEnumerable<Endpoint> endpoints)
    {
        var unknown = endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<ZonePermissionAttribute>().Select(a => (Endpoint: e, a.Permission)))
            .Where(x => Find(x.Permission) is null)
            .Select(x => $"'{x.Permission}' on {x.Endpoint.DisplayName}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"[ZonePermission] names permissions no module declares: {string.Join("; ", unknown)}. Declared: {string.Join(", ", Names)}.");
        }
    }
}

/// <summary>
/// Builds the authorization policy of <see cref="ZonePermissionAttribute"/>: a user of the zone cookie or of the
/// platform cookie who holds the declared permission, checked by the registered <see cref="PermissionRequirement"/>
/// handlers (the Users module's for zone users, the platform's for its administrators).
/// </summary>
internal sealed class ZonePermissionPolicyProvider(IOptions<AuthorizationOptions> options, DeclaredPermissions permissions)
    : DefaultAuthorizationPolicyProvider(options)
{
    // One immutable policy per permission name; names come from attributes, so the set is small and fixed.
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new(StringComparer.Ordinal);

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        ZonePermissionAttribute.PermissionOf(policyName) is { } name
            ? Task.FromResult<AuthorizationPolicy?>(_policies.GetOrAdd(name, Build))
            : base.GetPolicyAsync(policyName);

    private AuthorizationPolicy Build(string name) =>
        new AuthorizationPolicyBuilder(ZoneAuthentication.ZoneScheme, ZoneAuthentication.PlatformScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(permissions.Get(name)))
            .Build();
}
