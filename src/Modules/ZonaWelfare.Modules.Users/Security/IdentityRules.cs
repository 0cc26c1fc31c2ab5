using Microsoft.AspNetCore.Identity;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>The Identity rules of every zone: password strength, lockout, unique e-mail addresses.</summary>
internal static class IdentityRules
{
    public const int MaxFailedAccessAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How often a signed-in user's cookie is re-issued with fresh claims; the security stamp itself is checked on every request.</summary>
    public static readonly TimeSpan ClaimsRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>The lockout end an administrator sets to block an account until it is unblocked.</summary>
    public static readonly DateTimeOffset BlockedByAdministrator = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Configure(IdentityOptions options)
    {
        // Length matters more than composition; digits and both cases keep out the commonest weak passwords.
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 5;

        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
        options.SignIn.RequireConfirmedEmail = false;
    }
}
