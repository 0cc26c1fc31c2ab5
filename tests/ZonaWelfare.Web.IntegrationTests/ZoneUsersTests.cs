using System.Net;
using System.Text.RegularExpressions;
using ZonaWelfare.Core.Recipes;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// A zone's own users through HTTP: sign-in and sign-out, lockout, the permission matrix of the zone admin,
/// zone isolation of the sign-in cookie, and the users and roles admin pages.
/// </summary>
public abstract partial class ZoneUsersTests(ZonaWelfareApp app)
{
    private const string AdminPassword = "Livorno-Admin-2026";
    private const string UserPassword = "Utente-Prova-2026";

    private static readonly string LivorneseUsers = $$"""
        {
          "name": "utenti-livornese", "displayName": "Utenti di prova", "version": "1",
          "steps": [ { "name": "users", "users": [
            { "userName": "anna.admin", "email": "anna@livornese.test", "displayName": "Anna Bianchi", "roles": [ "Amministratore" ], "password": "{{AdminPassword}}" },
            { "userName": "rita.redattrice", "email": "rita@livornese.test", "roles": [ "Redattore" ], "password": "{{UserPassword}}" },
            { "userName": "nessun.ruolo", "email": "nessuno@livornese.test", "roles": [], "password": "{{UserPassword}}" },
            { "userName": "luca.tentativi", "email": "luca@livornese.test", "roles": [ "Redattore" ], "password": "{{UserPassword}}" },
            { "userName": "gino.segreteria", "email": "gino@livornese.test", "roles": [], "password": "{{UserPassword}}" }
          ] } ]
        }
        """;

    private static readonly string GrossetanaUsers = """
        {
          "name": "utenti-grossetana", "displayName": "Utenti di prova", "version": "1",
          "steps": [ { "name": "users", "users": [
            { "userName": "anna.admin", "email": "anna@grossetana.test", "roles": [ "Amministratore" ], "password": "Grosseto-Admin-2026" }
          ] } ]
        }
        """;

    [Fact]
    public async Task The_login_page_is_an_italian_form_with_antiforgery_token()
    {
        var response = await app.Client().GetAsync("/livornese/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Accesso a Zona Livornese</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"UserName\">Nome utente o e-mail</label>", html, StringComparison.Ordinal);
        Assert.Matches(Token(), html);
    }

    [Fact]
    public async Task A_user_signs_in_lands_on_the_zone_admin_and_signs_out()
    {
        await EnsureUsersAsync();
        var client = app.Client();

        var login = await LoginAsync(client, "livornese", "anna.admin", AdminPassword, returnUrl: "/livornese/admin");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/livornese/admin", login.Headers.Location?.OriginalString);

        var admin = await client.GetStringAsync("/livornese/admin");
        Assert.Contains("Amministrazione di Zona Livornese", admin, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">Utente: </span>anna.admin", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/livornese/admin/users\">Utenti</a>", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/livornese/admin/roles\">Ruoli e permessi</a>", admin, StringComparison.Ordinal);

        var logout = await client.PostAsync("/livornese/account/logout", Form(admin));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Contains("Sei uscito.", await client.GetStringAsync(logout.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var after = await client.GetAsync("/livornese/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/livornese/account/login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_may_sign_in_with_the_email_address_and_an_outside_return_url_is_ignored()
    {
        await EnsureUsersAsync();
        var client = app.Client();

        var login = await LoginAsync(client, "livornese", "anna@livornese.test", AdminPassword, returnUrl: "https://esempio.test/rubare");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/livornese/admin", login.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("anna.admin", "Sbagliata-2026")]
    [InlineData("sconosciuto", AdminPassword)]
    public async Task A_wrong_user_name_or_password_is_refused_with_a_clear_message(string userName, string password)
    {
        await EnsureUsersAsync();
        var client = app.Client();

        var response = await LoginAsync(client, "livornese", userName, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nome utente o password non corretti.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/livornese/admin")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_for_15_minutes_even_with_the_right_password()
    {
        await EnsureUsersAsync();
        var client = app.Client();

        for (var i = 0; i < 4; i++)
        {
            var failed = await LoginAsync(client, "livornese", "luca.tentativi", "Sbagliata-2026");
            Assert.Contains("Nome utente o password non corretti.", WebUtility.HtmlDecode(await failed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var fifth = await LoginAsync(client, "livornese", "luca.tentativi", "Sbagliata-2026");
        Assert.Equal(HttpStatusCode.BadRequest, fifth.StatusCode);
        Assert.Contains("l'account è bloccato per 15 minuti", WebUtility.HtmlDecode(await fifth.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var right = await LoginAsync(client, "livornese", "luca.tentativi", UserPassword);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("l'account è bloccato per 15 minuti", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/livornese/admin")]
    [InlineData("/livornese/admin/users")]
    [InlineData("/livornese/admin/roles")]
    public async Task Anonymous_visitors_are_sent_to_the_zone_login(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/livornese/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("nessun.ruolo", "/livornese/admin", HttpStatusCode.Forbidden)]
    [InlineData("nessun.ruolo", "/livornese/admin/users", HttpStatusCode.Forbidden)]
    [InlineData("rita.redattrice", "/livornese/admin", HttpStatusCode.OK)]
    [InlineData("rita.redattrice", "/livornese/admin/users", HttpStatusCode.Forbidden)]
    [InlineData("rita.redattrice", "/livornese/admin/roles", HttpStatusCode.Forbidden)]
    [InlineData("anna.admin", "/livornese/admin", HttpStatusCode.OK)]
    [InlineData("anna.admin", "/livornese/admin/users", HttpStatusCode.OK)]
    [InlineData("anna.admin", "/livornese/admin/roles", HttpStatusCode.OK)]
    public async Task Zone_users_reach_only_what_their_roles_allow(string userName, string path, HttpStatusCode expected)
    {
        await EnsureUsersAsync();
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, "livornese", userName, userName == "anna.admin" ? AdminPassword : UserPassword)).StatusCode);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.DoesNotContain("anna@livornese.test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_redattore_does_not_see_the_users_entries_in_the_admin_menu()
    {
        await EnsureUsersAsync();
        var client = app.Client();
        await LoginAsync(client, "livornese", "rita.redattrice", UserPassword);

        var admin = await client.GetStringAsync("/livornese/admin");

        Assert.Contains("Amministrazione di Zona Livornese", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("admin/users", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("admin/roles", admin, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/grossetana/admin")]
    [InlineData("/grossetana/admin/users")]
    public async Task A_zone_cookie_replayed_against_another_zone_is_rejected(string path)
    {
        await EnsureUsersAsync();
        var client = app.Client();
        var login = await LoginAsync(client, "livornese", "anna.admin", AdminPassword);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("zw.zone=", StringComparison.Ordinal));
        Assert.Contains("path=/livornese", cookie, StringComparison.OrdinalIgnoreCase);
        var header = cookie.Split(';')[0];

        // The same cookie works in its own zone, so the refusal below is about the zone, not a broken cookie.
        Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync("/livornese/admin/users", header)).StatusCode);

        var replayed = await SendWithCookieAsync(path, header);

        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/grossetana/account/login", replayed.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_one_zone_cannot_sign_in_to_another_with_the_same_name()
    {
        await EnsureUsersAsync();
        var client = app.Client();

        var response = await LoginAsync(client, "grossetana", "anna.admin", AdminPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nome utente o password non corretti.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, "grossetana", "anna.admin", "Grosseto-Admin-2026")).StatusCode);
        Assert.DoesNotContain("rita.redattrice", await client.GetStringAsync("/grossetana/admin/users"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/livornese/admin/users", "anna@livornese.test")]
    [InlineData("/grossetana/admin/users", "anna@grossetana.test")]
    [InlineData("/livornese/admin", "Amministrazione di Zona Livornese")]
    [InlineData("/grossetana/admin/roles", "Referente servizio")]
    public async Task A_platform_administrator_reaches_the_admin_of_every_zone(string path, string expected)
    {
        await EnsureUsersAsync();
        var client = app.Client();
        var page = await client.GetStringAsync("/admin/login");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/admin/login", Form(page, ("UserName", "admin"), ("Password", ZonaWelfareApp.AdminPassword)))).StatusCode);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_does_not_exist_in_a_zone_without_the_users_module()
    {
        await app.CreateZoneAsync("senza-utenti", """{ "name": "s", "displayName": "S", "version": "1", "steps": [ { "name": "features", "enable": [ "opendata" ] } ] }""");

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/senza-utenti/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/senza-utenti/admin/users")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in()
    {
        await EnsureUsersAsync();
        var admin = await SignedInAsync("anna.admin", AdminPassword);
        var form = await admin.GetStringAsync("/livornese/admin/users/new");

        var weak = await admin.PostAsync("/livornese/admin/users/new", Form(form, ("UserName", "marta.nuova"), ("Email", "marta@livornese.test"), ("Password", "corta1"), ("roles", "Redattore")));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var weakHtml = WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync());
        Assert.Contains("<span class=\"field-error\" id=\"Password-error\">La password deve avere almeno 10 caratteri.</span>", weakHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"marta.nuova\"", weakHtml, StringComparison.Ordinal);

        var created = await admin.PostAsync("/livornese/admin/users/new", Form(form, ("UserName", "marta.nuova"), ("DisplayName", "Marta Neri"), ("Email", "marta@livornese.test"), ("Password", "Marta-Nuova-2026"), ("roles", "Redattore")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = WebUtility.HtmlDecode(await admin.GetStringAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("Utente «marta.nuova» creato.", details, StringComparison.Ordinal);

        var list = await admin.GetStringAsync("/livornese/admin/users");
        Assert.Matches("marta.nuova</a></th>\\s*<td>Marta Neri</td>\\s*<td>marta@livornese.test</td>\\s*<td>Redattore</td>\\s*<td>Attivo</td>", list);

        var marta = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(marta, "livornese", "marta.nuova", "Marta-Nuova-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marta.GetAsync("/livornese/admin")).StatusCode);

        var duplicate = await admin.PostAsync("/livornese/admin/users/new", Form(form, ("UserName", "marta.nuova"), ("Email", "altra@livornese.test"), ("Password", "Marta-Nuova-2026")));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("Il nome utente 'marta.nuova' è già usato.", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocking_a_user_ends_their_session_and_unblocking_lets_them_back_in()
    {
        await EnsureUsersAsync();
        await app.Zones.ApplyAsync("livornese", RecipeDocument.Parse(SingleUser("sara.bloccata", "Redattore"), "t.json"), "test");
        var admin = await SignedInAsync("anna.admin", AdminPassword);
        var sara = await SignedInAsync("sara.bloccata", UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await sara.GetAsync("/livornese/admin")).StatusCode);
        var page = await UserPageAsync(admin, "sara.bloccata");

        var locked = await admin.PostAsync(page.Path + "/lock", Form(page.Html));
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("Bloccato da un amministratore", await admin.GetStringAsync("/livornese/admin/users"), StringComparison.Ordinal);

        var openSession = await sara.GetAsync("/livornese/admin");
        Assert.Equal(HttpStatusCode.Redirect, openSession.StatusCode);
        Assert.StartsWith("/livornese/account/login", openSession.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var refused = await LoginAsync(app.Client(), "livornese", "sara.bloccata", UserPassword);
        Assert.Contains("bloccato da un amministratore della zona", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        page = await UserPageAsync(admin, "sara.bloccata");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(page.Path + "/unlock", Form(page.Html))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(app.Client(), "livornese", "sara.bloccata", UserPassword)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_and_ends_open_sessions()
    {
        await EnsureUsersAsync();
        await app.Zones.ApplyAsync("livornese", RecipeDocument.Parse(SingleUser("paolo.password", "Redattore"), "t.json"), "test");
        var admin = await SignedInAsync("anna.admin", AdminPassword);
        var paolo = await SignedInAsync("paolo.password", UserPassword);
        var page = await UserPageAsync(admin, "paolo.password");

        var weak = await admin.PostAsync(page.Path + "/password", Form(page.Html, ("NewPassword", "tuttominuscolo")));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var weakHtml = WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync());
        Assert.Contains("La password deve contenere almeno una cifra (0-9).", weakHtml, StringComparison.Ordinal);
        Assert.Contains("La password deve contenere almeno una lettera maiuscola.", weakHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(page.Path + "/password", Form(page.Html, ("NewPassword", "Paolo-Nuova-2027")))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await paolo.GetAsync("/livornese/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(app.Client(), "livornese", "paolo.password", UserPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(app.Client(), "livornese", "paolo.password", "Paolo-Nuova-2027")).StatusCode);
    }

    [Fact]
    public async Task A_new_role_with_permissions_from_the_checklist_opens_the_users_page_to_its_holder()
    {
        await EnsureUsersAsync();
        var admin = await SignedInAsync("anna.admin", AdminPassword);
        var roles = await admin.GetStringAsync("/livornese/admin/roles");
        Assert.Contains("Referente servizio", roles, StringComparison.Ordinal);
        var gino = await SignedInAsync("gino.segreteria", UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await gino.GetAsync("/livornese/admin/users")).StatusCode);

        var created = await admin.PostAsync("/livornese/admin/roles/new", Form(roles, ("Name", "Segreteria"), ("Description", "Gestisce gli accessi")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var rolePath = created.Headers.Location!.OriginalString;
        var editor = WebUtility.HtmlDecode(await admin.GetStringAsync(rolePath));
        Assert.Matches("<fieldset>\\s*<legend>Piattaforma</legend>[\\s\\S]*Accedere all'amministrazione della zona[\\s\\S]*</fieldset>\\s*<fieldset>\\s*<legend>Utenti e permessi</legend>[\\s\\S]*Gestire gli utenti[\\s\\S]*Gestire ruoli e permessi", editor);
        Assert.DoesNotContain("checked", editor, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(rolePath, Form(editor, ("Description", "Gestisce gli accessi"), ("permissions", "AccessAdmin"), ("permissions", "ManageUsers")))).StatusCode);
        var saved = await admin.GetStringAsync(rolePath);
        Assert.Matches("id=\"perm-ManageUsers\" name=\"permissions\" value=\"ManageUsers\"\\s+checked=\"checked\"", saved);
        Assert.Matches("id=\"perm-AccessAdmin\" name=\"permissions\" value=\"AccessAdmin\"\\s+checked=\"checked\"", saved);
        Assert.DoesNotMatch("value=\"ManageRoles\"\\s+checked", saved);

        var page = await UserPageAsync(admin, "gino.segreteria");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(page.Path + "/roles", Form(page.Html, ("roles", "Segreteria")))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gino.GetAsync("/livornese/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gino.GetAsync("/livornese/admin/roles")).StatusCode);

        // Holding ManageUsers does not let gino make himself Amministratore.
        var own = await UserPageAsync(gino, "gino.segreteria");
        var escalation = await gino.PostAsync(own.Path + "/roles", Form(own.Html, ("roles", "Segreteria"), ("roles", "Amministratore")));
        Assert.Equal(HttpStatusCode.BadRequest, escalation.StatusCode);
        Assert.Contains("Non puoi assegnare o togliere i ruoli «Amministratore»", WebUtility.HtmlDecode(await escalation.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await gino.GetAsync("/livornese/admin/roles")).StatusCode);

        // Taking the role away closes the users page to gino's open session at once, without signing him out.
        var again = await UserPageAsync(admin, "gino.segreteria");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(again.Path + "/roles", Form(again.Html))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gino.GetAsync("/livornese/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Forms_without_antiforgery_token_are_refused()
    {
        await EnsureUsersAsync();

        var login = await app.Client().PostAsync("/livornese/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "anna.admin", ["Password"] = AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        var admin = await SignedInAsync("anna.admin", AdminPassword);
        var create = await admin.PostAsync("/livornese/admin/roles/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "Senza token" }));
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.DoesNotContain("Senza token", await admin.GetStringAsync("/livornese/admin/roles"), StringComparison.Ordinal);
    }

    private async Task EnsureUsersAsync()
    {
        await app.Zones.ApplyAsync("livornese", RecipeDocument.Parse(LivorneseUsers, "utenti.json"), "test");
        await app.Zones.ApplyAsync("grossetana", RecipeDocument.Parse(GrossetanaUsers, "utenti.json"), "test");
    }

    private static string SingleUser(string userName, string role) => $$"""
        { "name": "u", "displayName": "U", "version": "1", "steps": [ { "name": "users", "users": [
          { "userName": "{{userName}}", "email": "{{userName}}@livornese.test", "roles": [ "{{role}}" ], "password": "{{UserPassword}}" } ] } ] }
        """;

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, "livornese", userName, password)).StatusCode);
        return client;
    }

    private async Task<HttpResponseMessage> SendWithCookieAsync(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await app.Client().SendAsync(request);
    }

    private static async Task<(string Path, string Html)> UserPageAsync(HttpClient client, string userName)
    {
        var list = await client.GetStringAsync("/livornese/admin/users");
        var path = Regex.Match(list, $"href=\"(/livornese/admin/users/[^\"]+)\">{Regex.Escape(userName)}</a>").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(path), $"{userName} is not in the users list.");
        return (path, await client.GetStringAsync(path));
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string zone, string userName, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync($"/{zone}/account/login");
        return await client.PostAsync($"/{zone}/account/login", Form(page, ("UserName", userName), ("Password", password), ("ReturnUrl", returnUrl ?? "")));
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", Token().Match(page).Groups[1].Value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteZoneUsersTests(SqliteApp app) : ZoneUsersTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresZoneUsersTests(PostgresApp app) : ZoneUsersTests(app), IClassFixture<PostgresApp>;
