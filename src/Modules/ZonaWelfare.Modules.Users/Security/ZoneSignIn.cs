using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Users.Data;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>Identity's sign-in over the platform's zone cookie (<see cref="ZoneAuthentication.ZoneScheme"/>), not a cookie of its own.</summary>
internal sealed class ZoneSignInManager : SignInManager<ZoneUser>
{
    public ZoneSignInManager(
        UserManager<ZoneUser> userManager,
        IHttpContextAccessor contextAccessor,
        IUserClaimsPrincipalFactory<ZoneUser> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor,
        ILogger<SignInManager<ZoneUser>> logger,
        IAuthenticationSchemeProvider schemes,
        IUserConfirmation<ZoneUser> confirmation)
        : base(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation) =>
        AuthenticationScheme = ZoneAuthentication.ZoneScheme;
}

/// <summary>The zone user's identity: id, user name, security stamp and the zone it belongs to.</summary>
internal sealed class ZoneUserClaimsFactory(UserManager<ZoneUser> users, IZoneContext zones, IOptions<IdentityOptions> options) : IUserClaimsPrincipalFactory<ZoneUser>
{
    public const string DisplayNameClaim = "zw:display-name";

    public async Task<ClaimsPrincipal> CreateAsync(ZoneUser user)
    {
        var names = options.Value.ClaimsIdentity;
        var identity = new ClaimsIdentity(ZoneAuthentication.ZoneScheme, names.UserNameClaimType, names.RoleClaimType);
        identity.AddClaim(new Claim(names.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(names.UserNameClaimType, user.UserName ?? ""));
        identity.AddClaim(new Claim(names.SecurityStampClaimType, await users.GetSecurityStampAsync(user)));
        identity.AddClaim(new Claim(ZoneAuthentication.ZoneClaim, zones.Current.Slug));
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        }

        return new ClaimsPrincipal(identity);
    }
}

/// <summary>
/// Checks a zone cookie against the user's security stamp on every request (a new password, a block or a
/// deleted account ends the session at once), and re-issues it with fresh claims every few minutes.
/// </summary>
internal sealed class ZoneSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<ZoneUser> signInManager,
    ILoggerFactory logger,
    IZoneContext zones)
    : SecurityStampValidator<ZoneUser>(options, signInManager, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var zone = zones.Zone;
        var user = zone is not null && zone.IsModuleEnabled(UsersModule.Id) ? await VerifySecurityStamp(context.Principal) : null;
        if (user is null || await SignInManager.UserManager.IsLockedOutAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ZoneAuthentication.ZoneScheme);
            return;
        }

        var issued = context.Properties.IssuedUtc;
        if (issued is null || TimeProvider.GetUtcNow() - issued.Value > Options.ValidationInterval)
        {
            await SecurityStampVerified(user, context);
        }
    }
}
