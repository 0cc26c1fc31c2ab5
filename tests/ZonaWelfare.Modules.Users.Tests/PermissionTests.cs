using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Security;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Users.Tests;

/// <summary>Roles → permissions per zone, and the module's tables as its migration creates them.</summary>
public abstract class PermissionTests(StorageKind kind) : UsersTestZone(kind)
{
    private static string ZoneRecipe(string role, string permissions) => Recipe(
        $$"""{ "name": "roles", "roles": [ { "name": "Amministratore" }, { "name": "{{role}}", "permissions": [ {{permissions}} ] } ] }""",
        $$"""{ "name": "users", "users": [ { "userName": "mario", "email": "mario@prova.test", "roles": [ "{{role}}" ] }, { "userName": "capo", "email": "capo@prova.test", "roles": [ "Amministratore" ] } ] }""");

    [Fact]
    public async Task A_user_holds_exactly_the_permissions_of_their_roles_in_their_own_zone()
    {
        await Platform.Zones.CreateAsync("nord", TestPlatform.Recipe(ZoneRecipe("Revisore", "\"AccessAdmin\"")), "test");
        await Platform.Zones.CreateAsync("sud", TestPlatform.Recipe(ZoneRecipe("Revisore", "\"AccessAdmin\", \"ManageUsers\"")), "test");

        Assert.True(await HoldsAsync("nord", "mario", "AccessAdmin"));
        Assert.False(await HoldsAsync("nord", "mario", "ManageUsers"));
        Assert.True(await HoldsAsync("sud", "mario", "ManageUsers"));

        // Mario of the north zone, checked in the south zone where a "mario" may do more: nothing.
        Assert.False(await HoldsAsync("nord", "mario", "ManageUsers", checkedZone: "sud"));
        Assert.False(await HoldsAsync("nord", "mario", "AccessAdmin", checkedZone: "sud"));
    }

    [Fact]
    public async Task The_amministratore_holds_every_permission_also_of_modules_declared_later()
    {
        await Platform.Zones.CreateAsync("nord", TestPlatform.Recipe(ZoneRecipe("Revisore", "")), "test");

        Assert.True(await HoldsAsync("nord", "capo", "ManageRoles"));
        Assert.True(await HoldsAsync("nord", "capo", "EditContent"));
        Assert.False(await HoldsAsync("nord", "mario", "AccessAdmin"));
    }

    [Fact]
    public async Task A_change_of_permissions_applies_at_once()
    {
        await Platform.Zones.CreateAsync("nord", TestPlatform.Recipe(ZoneRecipe("Revisore", "")), "test");
        Assert.False(await HoldsAsync("nord", "mario", "ManageUsers"));

        await Platform.Zones.ApplyAsync("nord", TestPlatform.Recipe(ZoneRecipe("Revisore", "\"ManageUsers\"")), "test");

        Assert.True(await HoldsAsync("nord", "mario", "ManageUsers"));
    }

    [Fact]
    public async Task The_permission_catalog_groups_permissions_by_module_with_the_platform_first()
    {
        await Platform.Zones.CreateAsync("nord", TestPlatform.Recipe(Recipe("""{ "name": "roles", "roles": [] }""")), "test");

        var groups = await InZoneAsync("nord", services => Task.FromResult(services.GetRequiredService<PermissionCatalog>().Groups(_ => true)));

        Assert.Equal(["Piattaforma", "Utenti e permessi"], groups.Select(g => g.Title));
        Assert.Equal(["AccessAdmin", "ManageJobs"], groups[0].Permissions.Select(p => p.Name));
        Assert.Equal(["Gestire gli utenti", "Gestire ruoli e permessi"], groups[1].Permissions.Select(p => p.Description));
    }

    [Fact]
    public async Task The_migration_creates_every_table_and_column_of_the_model()
    {
        await Platform.Zones.CreateAsync("nord", TestPlatform.Recipe(ZoneRecipe("Revisore", "\"AccessAdmin\"")), "test");

        var missing = await InZoneAsync("nord", async services =>
        {
            var db = services.GetRequiredService<UsersDbContext>();
            // The zone's connection opens on first use; raw ADO.NET use opens it through EF first.
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            var problems = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName()!;
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
                await using var reader = await command.ExecuteReaderAsync();
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(entity.GetProperties().Select(p => p.GetColumnName()).Where(c => !columns.Contains(c)).Select(c => $"{table}.{c}"));
            }

            return problems;
        });

        Assert.Empty(missing);
    }
}

public sealed class SqlitePermissionTests() : PermissionTests(StorageKind.Sqlite);

public sealed class PostgresPermissionTests() : PermissionTests(StorageKind.Postgres);
