using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace ZonaWelfare.Abstractions.Security;

/// <summary>
/// Lets only users who hold <see cref="Permission"/> in the current zone reach a controller, an action or
/// an endpoint: a zone's own user whose roles grant it, or a platform administrator. An anonymous visitor
/// is sent to the zone's sign-in page, a signed-in user without the permission gets a 403.
/// </summary>
/// <remarks>
/// The name must be one an <see cref="IPermissionProvider"/> declares: the host refuses to start when an
/// endpoint names a permission no module declares, rather than allowing or denying it silently. Several
/// attributes on one endpoint must all be satisfied.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ZonePermissionAttribute : Attribute, IAuthorizeData
{
    /// <summary>The prefix of the authorization policies the platform builds for permissions.</summary>
    public const string PolicyPrefix = "zw.permission:";

    public ZonePermissionAttribute(string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        Permission = permission;
    }

    /// <summary>The permission's name, as its <see cref="IPermissionProvider"/> declares it.</summary>
    public string Permission { get; }

    // Checked by the authorization middleware, like [Authorize]. The platform resolves the policy by the
    // permission's name; the policy reads both the zone's cookie and the platform administrators' one.
    string? IAuthorizeData.Policy
    {
        get => PolicyPrefix + Permission;
        set => throw new NotSupportedException("The policy of [ZonePermission] is its permission.");
    }

    string? IAuthorizeData.Roles
    {
        get => null;
        set => throw new NotSupportedException("[ZonePermission] checks permissions, not role names.");
    }

    string? IAuthorizeData.AuthenticationSchemes
    {
        get => null;
        set => throw new NotSupportedException("[ZonePermission] reads the schemes of the platform's policy.");
    }

    /// <summary>The permission named by a policy of <see cref="PolicyPrefix"/>, or null for any other policy.</summary>
    public static string? PermissionOf(string policyName) =>
        policyName.StartsWith(PolicyPrefix, StringComparison.Ordinal) ? policyName[PolicyPrefix.Length..] : null;
}

public static class ZonePermissionEndpointExtensions
{
    /// <summary>The endpoint answers only users who hold <paramref name="permission"/> in the current zone, as <see cref="ZonePermissionAttribute"/>.</summary>
    public static TBuilder RequireZonePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ZonePermissionAttribute(permission));
}
