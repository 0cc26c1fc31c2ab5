using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Recipes;
using ZonaWelfare.Modules.Users.Security;
using ZonaWelfare.Modules.Users.Services;

namespace ZonaWelfare.Modules.Users;

/// <summary>
/// Users of a zone: ASP.NET Core Identity over the zone's own database, roles whose permissions are
/// declared by modules, the zone's sign-in page (zone cookie, lockout) and the admin pages for both.
/// </summary>
public sealed class UsersModule : ZoneModule
{
    public const string Id = "users";

    public override ModuleManifest Manifest { get; } =
        new(Id, "Utenti e permessi", "Utenti della zona, ruoli e permessi dei moduli; accesso con blocco dopo tentativi falliti.");

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddZoneDbContext<UsersDbContext>(Id);
        services.AddIdentityCore<ZoneUser>(IdentityRules.Configure)
            .AddRoles<ZoneRole>()
            .AddEntityFrameworkStores<UsersDbContext>()
            .AddErrorDescriber<ItalianIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<ZoneUserClaimsFactory>()
            .AddSignInManager<ZoneSignInManager>()
            .AddDefaultTokenProviders();

        // Registered after AddSignInManager, so it replaces Identity's validator; the zone cookie's events call it.
        services.AddScoped<ISecurityStampValidator, ZoneSecurityStampValidator>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = IdentityRules.ClaimsRefreshInterval);

        services.AddSingleton<PasswordPolicy>();
        services.AddScoped<PermissionCatalog>();
        services.AddScoped<PermissionGrants>();
        services.AddScoped<RoleService>();
        services.AddScoped<RecipeRoleNames>();
        services.AddScoped<IAuthorizationHandler, ZonePermissionHandler>();
        services.AddSingleton<IPermissionProvider, UsersPermissions>();
        services.AddSingleton<IAdminMenuProvider, UsersAdminMenu>();
        services.AddSingleton<IRecipeStep, RolesStep>();
        services.AddSingleton<IRecipeStep, UsersStep>();
    }
}
