using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Platform;

/// <summary>The outcome of a platform sign-in attempt.</summary>
public enum PlatformSignInResult
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>Platform administrators: hashed passwords (ASP.NET Core Identity's hasher) and lockout after repeated failures.</summary>
public sealed class PlatformUsers
{
    internal const int MaxFailedAttempts = 5;
    internal static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private readonly IDbContextFactory<PlatformDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly PasswordHasher<PlatformUserRecord> _hasher = new();

    internal PlatformUsers(IDbContextFactory<PlatformDbContext> contexts, TimeProvider clock)
    {
        _contexts = contexts;
        _clock = clock;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    public async Task CreateAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var user = new PlatformUserRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            PasswordHash = "",
            CreatedUtc = _clock.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = _hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<(PlatformSignInResult Result, string? UserId)> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            return (PlatformSignInResult.Failed, null);
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        if (user.LockoutEndUtc is { } end && end > now)
        {
            return (PlatformSignInResult.LockedOut, null);
        }

        // Each change is one atomic UPDATE that re-checks the lock in its WHERE clause: parallel attempts count one
        // by one (no lost increments), no more failures than the limit are counted (so of a burst of parallel guesses
        // at most that many are answered "wrong"), and a right password checked while wrong ones lock the account is refused.
        var id = user.Id;
        if (_hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var counted = await db.Users
                .Where(u => u.Id == id && (u.LockoutEndUtc == null || u.LockoutEndUtc <= now) && u.AccessFailedCount < MaxFailedAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), cancellationToken);
            // Whoever finds the limit reached locks (once: the lock resets the counter), also when this attempt was
            // not counted, so a counter left at the limit by an interrupted attempt still ends in a lock that expires.
            var locked = await db.Users
                .Where(u => u.Id == id && u.AccessFailedCount >= MaxFailedAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEndUtc, now + LockoutDuration).SetProperty(x => x.AccessFailedCount, 0), cancellationToken);
            return (counted == 0 || locked > 0 ? PlatformSignInResult.LockedOut : PlatformSignInResult.Failed, null);
        }

        var signedIn = await db.Users
            .Where(u => u.Id == id && (u.LockoutEndUtc == null || u.LockoutEndUtc <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.LockoutEndUtc, (DateTime?)null), cancellationToken);
        if (signedIn == 0)
        {
            return (PlatformSignInResult.LockedOut, null);
        }

        return (PlatformSignInResult.Succeeded, user.Id);
    }

    /// <summary>The user's current security stamp, created at the first sign-in that needs it.</summary>
    public async Task<string> SecurityStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId && u.SecurityStamp == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync(cancellationToken) ?? "";
    }

    /// <summary>Whether a cookie's stamp is still the user's (false once the user signed out elsewhere or was removed).</summary>
    public async Task<bool> IsCurrentAsync(string userId, string stamp, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp, cancellationToken);
    }

    /// <summary>Ends every session of the user: cookies carrying the old stamp are refused from the next request.</summary>
    public async Task RotateSecurityStampAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N")), cancellationToken);
    }

    /// <summary>A random password for the first administrator: 20 characters, no look-alikes.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
