using Microsoft.AspNetCore.Authorization;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Core.Security;

/// <summary>Permissions of the platform itself.</summary>
public sealed class CorePermissions : IPermissionProvider
{
    public const string AccessAdminName = "AccessAdmin";

    public static readonly Permission AccessAdmin = new(AccessAdminName, "Accedere all'amministrazione della zona");

    public const string ManageJobsName = "ManageJobs";

    public static readonly Permission ManageJobs = new(ManageJobsName, "Vedere e rilanciare i lavori in background della zona");

    public IEnumerable<Permission> GetPermissions() => [AccessAdmin, ManageJobs];

    public IEnumerable<KeyValuePair<string, IEnumerable<Permission>>> GetDefaultGrants() =>
        StandardRoles.All.Select(role => new KeyValuePair<string, IEnumerable<Permission>>(role, [AccessAdmin]));
}

/// <summary>The platform's own entries in every zone's admin menu.</summary>
internal sealed class CoreAdminMenu : ZonaWelfare.Abstractions.Admin.IAdminMenuProvider
{
    public IEnumerable<ZonaWelfare.Abstractions.Admin.AdminMenuItem> GetItems() =>
        [new(null, "Lavori in background", "admin/jobs", CorePermissions.ManageJobs, Order: 900, Group: "Piattaforma")];
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
