using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Users.Tests;

/// <summary>The <c>roles</c> recipe step on real storage: defaults, validation with paths, idempotence, export.</summary>
public abstract class RolesStepTests(StorageKind kind) : UsersTestZone(kind)
{
    private const string StandardRoles = """
        { "name": "roles", "roles": [
          { "name": "Amministratore", "description": "Gestisce la zona" },
          { "name": "Ufficio di Piano" },
          { "name": "Redattore", "description": "Scrive i contenuti" },
          { "name": "Referente servizio" },
          { "name": "Revisore", "permissions": [ "AccessAdmin", "ManageUsers" ] },
          { "name": "Ospite" }
        ] }
        """;

    [Fact]
    public async Task Standard_roles_without_permissions_get_the_default_grants_and_the_amministratore_every_permission()
    {
        var result = await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(StandardRoles)), "test");

        Assert.Contains("ruolo «Redattore» creato", result.Changes);
        var roles = await RolesOfAsync("prova");
        Assert.Equal(["AccessAdmin", "ManageJobs", "ManageRoles", "ManageUsers"], roles["Amministratore"]);
        Assert.Equal(["AccessAdmin"], roles["Ufficio di Piano"]);
        Assert.Equal(["AccessAdmin"], roles["Redattore"]);
        Assert.Equal(["AccessAdmin"], roles["Referente servizio"]);
        Assert.Equal(["AccessAdmin", "ManageUsers"], roles["Revisore"]);
        Assert.Empty(roles["Ospite"]);
    }

    [Theory]
    [InlineData("""{ "name": "roles", "roles": [ { "name": "Redattore", "permissions": [ "AccessAdmin", "Inventato" ] } ] }""", "$.steps[1].roles[0].permissions[1]", "il permesso 'Inventato' non esiste. Permessi disponibili: AccessAdmin, ManageJobs, ManageRoles, ManageUsers.")]
    [InlineData("""{ "name": "roles", "roles": [ { "name": "Amministratore", "permissions": [ "AccessAdmin" ] } ] }""", "$.steps[1].roles[0].permissions", "l'Amministratore ha sempre tutti i permessi")]
    [InlineData("""{ "name": "roles", "roles": [ { "name": "Redattore" }, { "name": "redattore" } ] }""", "$.steps[1].roles[1].name", "il ruolo 'redattore' compare due volte")]
    [InlineData("""{ "name": "roles", "roles": [ { "name": " " } ] }""", "$.steps[1].roles[0].name", "il nome del ruolo è obbligatorio")]
    [InlineData("""{ "name": "roles", "roles": [ { "name": "Redattore", "permessi": [] } ] }""", "$.steps[1].roles[0].permessi", "campo sconosciuto 'permessi'")]
    public async Task An_invalid_roles_step_is_refused_with_its_path_and_nothing_is_written(string step, string path, string message)
    {
        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(step)), "test"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.JsonPath);
        Assert.Equal("roles", only.StepName);
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
        Assert.False(await Platform.ZoneStoreExistsAsync("prova"));
    }

    [Fact]
    public async Task Re_applying_the_roles_changes_nothing()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(StandardRoles)), "test");
        var before = await Platform.DumpZoneAsync("prova");

        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(StandardRoles)), "test");

        Assert.Empty(result.Changes);
        Assert.Equal(before, await Platform.DumpZoneAsync("prova"));
    }

    [Fact]
    public async Task Listed_permissions_replace_the_role_s_permissions_and_an_omitted_list_keeps_them()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(StandardRoles)), "test");
        const string changed = """
            { "name": "roles", "roles": [
              { "name": "Revisore", "permissions": [ "ManageRoles" ] },
              { "name": "Redattore", "description": "Scrive e aggiorna" },
              { "name": "Ospite" }
            ] }
            """;

        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(changed)), "test");

        Assert.Equal(["ruolo «Revisore»: permessi", "ruolo «Redattore»: descrizione"], result.Changes);
        var roles = await RolesOfAsync("prova");
        Assert.Equal(["ManageRoles"], roles["Revisore"]);
        Assert.Equal(["AccessAdmin"], roles["Redattore"]);
        Assert.Equal(6, roles.Count);
    }

    [Fact]
    public async Task The_export_writes_every_role_with_its_permissions_and_re_creates_them_elsewhere()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(StandardRoles)), "test");

        var exported = await Platform.Zones.ExportAsync("prova");

        var step = exported["steps"]!.AsArray().Single(s => (string?)s!["name"] == "roles")!;
        var roles = step["roles"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!.AsObject());
        Assert.Equal(6, roles.Count);
        Assert.False(roles["Amministratore"].ContainsKey("permissions"));
        Assert.Equal("Gestisce la zona", (string?)roles["Amministratore"]["description"]);
        Assert.Equal(["AccessAdmin", "ManageUsers"], roles["Revisore"]["permissions"]!.AsArray().Select(p => (string)p!).ToArray());
        Assert.Empty(roles["Ospite"]["permissions"]!.AsArray());

        await Platform.Zones.CreateAsync("copia", TestPlatform.Recipe(WithoutZoneStep(exported)), "test");
        Assert.Equal(await RolesOfAsync("prova"), await RolesOfAsync("copia"));
        Assert.Empty((await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(WithoutZoneStep(exported)), "test")).Changes);
    }
}

public sealed class SqliteRolesStepTests() : RolesStepTests(StorageKind.Sqlite);

public sealed class PostgresRolesStepTests() : RolesStepTests(StorageKind.Postgres);
