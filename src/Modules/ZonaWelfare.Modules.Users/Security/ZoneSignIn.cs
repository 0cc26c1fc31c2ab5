using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Users.Data;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>Identity's sign-in over the platform's zone cookie (<see cref="ZoneAuthentication.ZoneScheme"/>), not a cookie of its own.</summary>
internal sealed class ZoneSignInManager : SignInManager<ZoneUser>
{
    private readonly UsersDbContext _db;
    private readonly TimeProvider _clock;

    public ZoneSignInManager(
        UserManager<ZoneUser> userManager,
        IHttpContextAccessor contextAccessor,
        IUserClaimsPrincipalFactory<ZoneUser> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor,
        ILogger<SignInManager<ZoneUser>> logger,
        IAuthenticationSchemeProvider schemes,
        IUserConfirmation<ZoneUser> confirmation,
        UsersDbContext db,
        TimeProvider clock)
        : base(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
    {
        AuthenticationScheme = ZoneAuthentication.ZoneScheme;
        _db = db;
        _clock = clock;
    }

    /// <summary>
    /// Identity's check, with the failure counter kept by atomic UPDATEs rather than read-modify-save (which loses
    /// increments under parallel attempts). Every change is guarded by the concurrency stamp read before the password
    /// was checked, and the lock rotates it: an attempt checked while another locks the account changes nothing and
    /// is refused, a right password included. No more failures than the limit are counted, so of a burst of parallel
    /// guesses at most that many are answered "wrong password", and the counter is not left above zero after a lockout.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(ZoneUser user, string password, bool lockoutOnFailure)
    {
        var id = user.Id;
        var state = await _db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new LockState(u.LockoutEnd, u.ConcurrencyStamp)).FirstOrDefaultAsync();
        if (state is null || state.LockoutEnd > _clock.GetUtcNow())
        {
            return SignInResult.LockedOut;
        }

        var current = _db.Users.Where(u => u.Id == id && u.ConcurrencyStamp == state.ConcurrencyStamp);
        if (await UserManager.CheckPasswordAsync(user, password))
        {
            return await current.ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0)) == 0 ? SignInResult.LockedOut : SignInResult.Success;
        }

        if (!lockoutOnFailure)
        {
            return SignInResult.Failed;
        }

        // At most `max` failures are counted before the lock: a guess beyond them, or after the lock, learns nothing.
        var max = Options.Lockout.MaxFailedAccessAttempts;
        var counted = await current.Where(u => u.AccessFailedCount < max).ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1));

        // Whoever finds the limit reached locks (once: the lock resets the counter and rotates the stamp), also when
        // this attempt was not counted, so a counter left at the limit still ends in a lock that expires.
        var until = _clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan;
        var locked = await _db.Users.Where(u => u.Id == id && u.AccessFailedCount >= max)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, until).SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.ConcurrencyStamp, Guid.NewGuid().ToString()));
        if (locked == 0)
        {
            return counted == 0 ? SignInResult.LockedOut : SignInResult.Failed;
        }

        Logger.LogWarning("Zone user {UserId} locked out after {Attempts} failed sign-ins", id, max);
        return SignInResult.LockedOut;
    }

    private sealed record LockState(DateTimeOffset? LockoutEnd, string? ConcurrencyStamp);
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
