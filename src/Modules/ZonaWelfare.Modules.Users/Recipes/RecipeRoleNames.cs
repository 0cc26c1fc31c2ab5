using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Migrations;

namespace ZonaWelfare.Modules.Users.Recipes;

/// <summary>
/// The roles a recipe defines, collected while it is validated (one scope per validation), so the
/// <c>users</c> step accepts roles defined earlier in the same recipe.
/// </summary>
internal sealed class RecipeRoleNames
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name) => _names.Add(name.Trim());

    public bool Contains(string name) => _names.Contains(name.Trim());
}

internal static class ZoneUsersStore
{
    /// <summary>
    /// The Users tables of the scope's zone, or null when there are none yet: a new zone, or one that has
    /// not enabled the module so far. Recipe validation reads existing roles and users through it.
    /// </summary>
    public static async Task<UsersDbContext?> ExistingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IZoneContext>().Zone is null)
        {
            return null;
        }

        var db = services.GetRequiredService<UsersDbContext>();
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return applied.Contains(UsersInitial.Id) ? db : null;
    }
}
