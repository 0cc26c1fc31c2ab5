using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Users.Tests;

/// <summary>A test platform with the Users module, and ways to look into a zone's users and roles.</summary>
public abstract class UsersTestZone(StorageKind kind) : IAsyncLifetime
{
    protected TestPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync() => Platform = await TestPlatform.StartAsync(kind, [new UsersModule()]);

    public async Task DisposeAsync() => await Platform.DisposeAsync();

    /// <summary>Runs <paramref name="action"/> in a scope of zone <paramref name="slug"/>, as a request would.</summary>
    internal async Task<T> InZoneAsync<T>(string slug, Func<IServiceProvider, Task<T>> action)
    {
        var zone = await Platform.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException($"No zone {slug}.");
        await using var scope = await Platform.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        return await action(scope.ServiceProvider);
    }

    /// <summary>Role name → its permissions (sorted), as stored in the zone.</summary>
    internal Task<Dictionary<string, string[]>> RolesOfAsync(string slug) => InZoneAsync(slug, async services =>
    {
        var db = services.GetRequiredService<UsersDbContext>();
        var roles = await db.Roles.AsNoTracking().ToListAsync();
        var permissions = await db.RolePermissions.AsNoTracking().ToListAsync();
        return roles.ToDictionary(
            r => r.Name!,
            r => permissions.Where(p => p.RoleId == r.Id).Select(p => p.Permission).Order(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    });

    /// <summary>User name → its roles (sorted), as stored in the zone.</summary>
    internal Task<Dictionary<string, string[]>> UsersOfAsync(string slug) => InZoneAsync(slug, async services =>
    {
        var users = services.GetRequiredService<UserManager<ZoneUser>>();
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var user in await users.Users.AsNoTracking().ToListAsync())
        {
            result[user.UserName!] = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray();
        }

        return result;
    });

    /// <summary>Whether the user, signed in to <paramref name="signedInZone"/>, holds <paramref name="permission"/> in <paramref name="checkedZone"/>.</summary>
    internal async Task<bool> HoldsAsync(string signedInZone, string userName, string permission, string? checkedZone = null)
    {
        var principal = await InZoneAsync(signedInZone, async services =>
        {
            var signIn = services.GetRequiredService<SignInManager<ZoneUser>>();
            var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
            return await signIn.CreateUserPrincipalAsync(user);
        });
        return await InZoneAsync(checkedZone ?? signedInZone, services =>
            services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, new Permission(permission, permission)));
    }

    /// <summary>An exported recipe without its <c>zone</c> step (which names the zone), to create another zone from it.</summary>
    protected static string WithoutZoneStep(System.Text.Json.Nodes.JsonObject exported)
    {
        var copy = exported.DeepClone().AsObject();
        var steps = copy["steps"]!.AsArray();
        steps.Remove(steps.Single(s => (string?)s!["name"] == "zone"));
        return copy.ToJsonString();
    }

    protected static string Recipe(params string[] steps) =>
        $$"""{ "name": "prova", "displayName": "Prova", "version": "1", "steps": [ { "name": "features", "enable": [ "users" ] }, {{string.Join(", ", steps)}} ] }""";
}
