using Microsoft.AspNetCore.Authorization;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Core.Security;

/// <summary>Permissions of the platform itself.</summary>
public sealed class CorePermissions : IPermissionProvider
{
    public const string AccessAdminName = "AccessAdmin";

    public static readonly Permission AccessAdmin = new(AccessAdminName, "Accedere all'amministrazione della zona");

    public IEnumerable<Permission> GetPermissions() => [AccessAdmin];

    public IEnumerable<KeyValuePair<string, IEnumerable<Permission>>> GetDefaultGrants() =>
        StandardRoles.All.Select(role => new KeyValuePair<string, IEnumerable<Permission>>(role, [AccessAdmin]));
}

/// <summary>Platform administrators hold every permission in every zone.</summary>
internal sealed class PlatformAdminPermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.IsPlatformAdmin())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
