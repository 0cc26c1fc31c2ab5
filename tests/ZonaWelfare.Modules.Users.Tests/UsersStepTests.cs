using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Users.Tests;

/// <summary>The <c>users</c> recipe step on real storage: validation with paths, idempotence, export without secrets.</summary>
public abstract class UsersStepTests(StorageKind kind) : UsersTestZone(kind)
{
    private const string Roles = """
        { "name": "roles", "roles": [ { "name": "Amministratore" }, { "name": "Redattore" }, { "name": "Ufficio di Piano" } ] }
        """;

    private const string Users = """
        { "name": "users", "users": [
          { "userName": "anna.admin", "email": "anna@prova.test", "displayName": "Anna Bianchi", "roles": [ "Amministratore" ], "password": "Prova-Anna-2026" },
          { "userName": "rita", "email": "rita@prova.test", "roles": [ "redattore", "Ufficio di Piano" ] },
          { "userName": "senza.ruoli", "email": "senza@prova.test", "roles": [] }
        ] }
        """;

    [Fact]
    public async Task Users_are_created_with_their_roles_and_a_demo_password_that_signs_in()
    {
        var result = await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");

        Assert.Contains("utente «anna.admin» creato", result.Changes);
        var users = await UsersOfAsync("prova");
        Assert.Equal(["Amministratore"], users["anna.admin"]);
        Assert.Equal(["Redattore", "Ufficio di Piano"], users["rita"]);
        Assert.Empty(users["senza.ruoli"]);
        Assert.True(await HoldsAsync("prova", "anna.admin", "ManageRoles"));
        Assert.True(await CheckPasswordAsync("anna.admin", "Prova-Anna-2026"));
        Assert.False(await CheckPasswordAsync("rita", "Prova-Anna-2026"));
    }

    [Theory]
    [InlineData("""{ "userName": "x", "email": "x@prova.test", "roles": [ "Redattore", "Capo" ] }""", "$.steps[2].users[0].roles[1]", "il ruolo 'Capo' non esiste nella zona né è definito prima nella ricetta")]
    [InlineData("""{ "userName": "x", "email": "x@prova.test", "roles": [], "password": "corta1A" }""", "$.steps[2].users[0].password", "password troppo debole: La password deve avere almeno 10 caratteri.")]
    [InlineData("""{ "userName": "x", "email": "x@prova.test", "roles": [], "password": "solominuscole" }""", "$.steps[2].users[0].password", "La password deve contenere almeno una cifra (0-9). La password deve contenere almeno una lettera maiuscola.")]
    [InlineData("""{ "userName": "x", "email": "non-una-mail", "roles": [] }""", "$.steps[2].users[0].email", "l'indirizzo e-mail 'non-una-mail' non è valido")]
    [InlineData("""{ "userName": "con spazio", "email": "x@prova.test", "roles": [] }""", "$.steps[2].users[0].userName", "il nome utente 'con spazio' non è valido")]
    [InlineData("""{ "userName": "x", "roles": [] }""", "$.steps[2].users[0]", "manca un campo obbligatorio: 'email'")]
    public async Task An_invalid_user_is_refused_with_its_path_and_nothing_is_written(string user, string path, string message)
    {
        var recipe = Recipe(Roles, $$"""{ "name": "users", "users": [ {{user}} ] }""");

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(recipe), "test"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.JsonPath);
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
        Assert.False(await Platform.ZoneStoreExistsAsync("prova"));
    }

    [Fact]
    public async Task A_role_defined_later_in_the_recipe_does_not_count_but_one_already_in_the_zone_does()
    {
        const string user = """{ "name": "users", "users": [ { "userName": "x", "email": "x@prova.test", "roles": [ "Redattore" ] } ] }""";

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(user, Roles)), "test"));
        Assert.Equal("$.steps[1].users[0].roles[0]", Assert.Single(error.Errors).JsonPath);

        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles)), "test");
        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(user)), "test");
        Assert.Equal(["utente «x» creato"], result.Changes);
    }

    [Fact]
    public async Task An_existing_zone_enables_the_module_and_gets_roles_and_users_in_one_recipe()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe("""{ "name": "z", "displayName": "Z", "version": "1", "steps": [ { "name": "zone", "displayName": "Zona di prova", "comuni": [ "Uno" ] } ] }"""), "test");

        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");

        Assert.Contains("utente «rita» creato", result.Changes);
        Assert.Equal(["Amministratore"], (await UsersOfAsync("prova"))["anna.admin"]);
    }

    [Fact]
    public async Task An_email_already_used_in_the_zone_by_another_user_is_refused()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");
        const string other = """{ "name": "users", "users": [ { "userName": "nuovo", "email": "RITA@prova.test", "roles": [] } ] }""";

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(other)), "test"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("$.steps[1].users[0].email", only.JsonPath);
        Assert.Contains("è già usato dall'utente 'rita'", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_users_with_the_same_email_are_refused()
    {
        const string users = """
            { "name": "users", "users": [
              { "userName": "uno", "email": "stessa@prova.test", "roles": [] },
              { "userName": "due", "email": "STESSA@prova.test", "roles": [] }
            ] }
            """;

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, users)), "test"));

        Assert.Equal("$.steps[2].users[1].email", Assert.Single(error.Errors).JsonPath);
    }

    [Fact]
    public async Task Re_applying_the_users_changes_nothing()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");
        var before = await Platform.DumpZoneAsync("prova");

        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");

        Assert.Empty(result.Changes);
        Assert.Equal(before, await Platform.DumpZoneAsync("prova"));
    }

    [Fact]
    public async Task A_recipe_password_is_only_the_initial_one_and_re_applying_does_not_reset_it()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");

        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users.Replace("Prova-Anna-2026", "Altra-Password-2027", StringComparison.Ordinal))), "test");

        Assert.Empty(result.Changes);
        Assert.True(await CheckPasswordAsync("anna.admin", "Prova-Anna-2026"));
        Assert.False(await CheckPasswordAsync("anna.admin", "Altra-Password-2027"));
    }

    [Fact]
    public async Task Changed_roles_and_details_are_updated_in_place()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");
        const string changed = """
            { "name": "users", "users": [
              { "userName": "rita", "email": "rita.rossi@prova.test", "displayName": "Rita Rossi", "roles": [ "Ufficio di Piano" ] }
            ] }
            """;

        var result = await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(Recipe(changed)), "test");

        Assert.Equal(["utente «rita»: dati", "utente «rita»: ruoli"], result.Changes);
        var users = await UsersOfAsync("prova");
        Assert.Equal(["Ufficio di Piano"], users["rita"]);
        Assert.Equal(3, users.Count);
    }

    [Fact]
    public async Task The_export_has_users_and_roles_but_never_passwords_and_re_creates_them_elsewhere()
    {
        await Platform.Zones.CreateAsync("prova", TestPlatform.Recipe(Recipe(Roles, Users)), "test");

        var exported = await Platform.Zones.ExportAsync("prova");

        var text = exported.ToJsonString();
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Prova-Anna-2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", text, StringComparison.Ordinal);
        var step = exported["steps"]!.AsArray().Single(s => (string?)s!["name"] == "users")!;
        var anna = step["users"]!.AsArray().Single(u => (string?)u!["userName"] == "anna.admin")!;
        Assert.Equal("anna@prova.test", (string?)anna["email"]);
        Assert.Equal("Anna Bianchi", (string?)anna["displayName"]);
        Assert.Equal(["Amministratore"], anna["roles"]!.AsArray().Select(r => (string)r!).ToArray());
        var names = exported["steps"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.True(names.IndexOf("roles") < names.IndexOf("users"), "roles are exported before the users that hold them");

        await Platform.Zones.CreateAsync("copia", TestPlatform.Recipe(WithoutZoneStep(exported)), "test");
        Assert.Equal(await UsersOfAsync("prova"), await UsersOfAsync("copia"));
        Assert.Empty((await Platform.Zones.ApplyAsync("prova", TestPlatform.Recipe(WithoutZoneStep(exported)), "test")).Changes);
    }

    private Task<bool> CheckPasswordAsync(string userName, string password) => InZoneAsync("prova", async services =>
    {
        var users = services.GetRequiredService<UserManager<Data.ZoneUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    });
}

public sealed class SqliteUsersStepTests() : UsersStepTests(StorageKind.Sqlite);

public sealed class PostgresUsersStepTests() : UsersStepTests(StorageKind.Postgres);
