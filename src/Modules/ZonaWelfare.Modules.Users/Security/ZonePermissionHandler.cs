using Microsoft.AspNetCore.Authorization;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>
/// Succeeds when the signed-in user of the current zone has a role granted the permission in this zone.
/// Platform administrators are handled by the platform; a cookie of another zone never gets this far.
/// </summary>
internal sealed class ZonePermissionHandler(PermissionGrants grants) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (grants.ZoneUserId(context.User) is { } userId && (await grants.OfUserAsync(userId)).Has(requirement.Permission.Name))
        {
            context.Succeed(requirement);
        }
    }
}
