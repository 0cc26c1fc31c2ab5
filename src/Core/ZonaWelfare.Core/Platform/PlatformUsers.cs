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

        if (_hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            user.AccessFailedCount++;
            if (user.AccessFailedCount >= MaxFailedAttempts)
            {
                user.LockoutEndUtc = now + LockoutDuration;
                user.AccessFailedCount = 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            return (user.LockoutEndUtc > now ? PlatformSignInResult.LockedOut : PlatformSignInResult.Failed, null);
        }

        user.AccessFailedCount = 0;
        user.LockoutEndUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        return (PlatformSignInResult.Succeeded, user.Id);
    }

    /// <summary>A random password for the first administrator: 20 characters, no look-alikes.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
