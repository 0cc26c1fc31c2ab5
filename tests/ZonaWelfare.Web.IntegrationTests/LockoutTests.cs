using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Platform;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// Lockout as an attacker meets it: a burst of wrong passwords sent at once (not one by one) for a platform
/// administrator and for a zone user, on both databases. Every attempt counts, the account locks, the right
/// password is then refused, and the counter starts again from zero after a success.
/// </summary>
public abstract partial class LockoutTests(ZonaWelfareApp app)
{
    private const string Right = "Giusta-Password-2026";
    private const string Locked = "bloccato per 15 minuti";
    private const string Wrong = "Nome utente o password non corretti.";

    [Fact]
    public async Task Thirty_parallel_wrong_passwords_lock_a_platform_administrator_and_the_right_one_is_then_refused()
    {
        var user = "raffica-" + Guid.NewGuid().ToString("N")[..6];
        await app.Services.GetRequiredService<PlatformUsers>().CreateAsync(user, Right);
        var client = app.Client();
        var page = await client.GetStringAsync("/admin/login");

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.PostAsync("/admin/login", Form(page, ("UserName", user), ("Password", "sbagliata")))));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        // Only as many guesses as the limit are ever checked; the others meet the lock.
        var evaluated = await EvaluatedAsync(burst);
        Assert.True(evaluated <= PlatformUsers.MaxFailedAttempts, $"{evaluated} of 30 parallel guesses were checked against the password");
        var right = await client.PostAsync("/admin/login", Form(page, ("UserName", user), ("Password", Right)));
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains(Locked, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        var record = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == user);
        Assert.NotNull(record.LockoutEndUtc);
        Assert.True(record.AccessFailedCount == 0, $"the counter was left at {record.AccessFailedCount} after the lockout");
    }

    [Fact]
    public async Task A_platform_sign_in_resets_the_counter()
    {
        var user = "conta-" + Guid.NewGuid().ToString("N")[..6];
        await app.Services.GetRequiredService<PlatformUsers>().CreateAsync(user, Right);
        var client = app.Client();
        var page = await client.GetStringAsync("/admin/login");

        await Task.WhenAll(Enumerable.Range(0, PlatformUsers.MaxFailedAttempts - 1).Select(_ => client.PostAsync("/admin/login", Form(page, ("UserName", user), ("Password", "sbagliata")))));
        // The right password from another browser (a signed-in client's old form token is no longer valid).
        var other = app.Client();
        var otherPage = await other.GetStringAsync("/admin/login");
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync("/admin/login", Form(otherPage, ("UserName", user), ("Password", Right)))).StatusCode);

        for (var i = 0; i < PlatformUsers.MaxFailedAttempts - 1; i++)
        {
            Assert.Contains(Wrong, await PostAsync(client, "/admin/login", page, user, "sbagliata"), StringComparison.Ordinal);
        }

        Assert.Contains(Locked, await PostAsync(client, "/admin/login", page, user, "sbagliata"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thirty_parallel_wrong_passwords_lock_a_zone_user_and_the_right_one_is_then_refused()
    {
        var zone = await ZoneWithUserAsync("raffica");
        var client = app.Client();
        var page = await client.GetStringAsync($"/{zone}/account/login");

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.PostAsync($"/{zone}/account/login", Form(page, ("UserName", "mario.rossi"), ("Password", "sbagliata"), ("ReturnUrl", "")))));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var evaluated = await EvaluatedAsync(burst);
        Assert.True(evaluated <= 5, $"{evaluated} of 30 parallel guesses were checked against the password");
        Assert.Contains(Locked, WebUtility.HtmlDecode(await PostAsync(client, $"/{zone}/account/login", page, "mario.rossi", Right)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_sign_in_resets_the_counter()
    {
        var zone = await ZoneWithUserAsync("conta");
        var client = app.Client();
        var login = $"/{zone}/account/login";
        var page = await client.GetStringAsync(login);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync(login, Form(page, ("UserName", "mario.rossi"), ("Password", "sbagliata"), ("ReturnUrl", "")))));
        var other = app.Client();
        var otherPage = await other.GetStringAsync(login);
        var signedIn = await other.PostAsync(login, Form(otherPage, ("UserName", "mario.rossi"), ("Password", Right), ("ReturnUrl", "")));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(login, Form(page, ("UserName", "mario.rossi"), ("Password", "x"), ("ReturnUrl", "")))).StatusCode);

        // After the success only this one failure counted: three more are refused as wrong, the fifth locks.
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(Wrong, WebUtility.HtmlDecode(await PostAsync(client, login, page, "mario.rossi", "sbagliata")), StringComparison.Ordinal);
        }

        Assert.Contains(Locked, WebUtility.HtmlDecode(await PostAsync(client, login, page, "mario.rossi", "sbagliata")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_of_the_platform_ends_every_copy_of_the_session()
    {
        var user = "uscita-" + Guid.NewGuid().ToString("N")[..6];
        await app.Services.GetRequiredService<PlatformUsers>().CreateAsync(user, Right);
        var client = app.Client();
        var page = await client.GetStringAsync("/admin/login");
        var signedIn = await client.PostAsync("/admin/login", Form(page, ("UserName", user), ("Password", Right)));
        using var copy = CopyOf(signedIn, "zw.platform");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin")).StatusCode);

        var admin = await client.GetStringAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/admin/logout", Form(admin))).StatusCode);

        var after = await copy.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_of_a_zone_ends_every_copy_of_the_session()
    {
        var zone = await ZoneWithUserAsync("uscita");
        var client = app.Client();
        var page = await client.GetStringAsync($"/{zone}/account/login");
        var signedIn = await client.PostAsync($"/{zone}/account/login", Form(page, ("UserName", "mario.rossi"), ("Password", Right), ("ReturnUrl", "")));
        using var copy = CopyOf(signedIn, "zw.zone");
        // Signed in without a role: the admin answers 403, not the sign-in page.
        Assert.Equal(HttpStatusCode.Forbidden, (await copy.GetAsync($"/{zone}/admin")).StatusCode);

        var form = await client.GetStringAsync($"/{zone}/account/login");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/{zone}/account/logout", Form(form))).StatusCode);

        var after = await copy.GetAsync($"/{zone}/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith($"/{zone}/account/login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_by_an_administrator_ends_the_users_sessions()
    {
        var zone = await ZoneWithUserAsync("reimposta");
        var user = app.Client();
        var page = await user.GetStringAsync($"/{zone}/account/login");
        var signedIn = await user.PostAsync($"/{zone}/account/login", Form(page, ("UserName", "mario.rossi"), ("Password", Right), ("ReturnUrl", "")));
        using var copy = CopyOf(signedIn, "zw.zone");
        Assert.Equal(HttpStatusCode.Forbidden, (await copy.GetAsync($"/{zone}/admin")).StatusCode);

        // The platform administrator gives the user a new password from the zone's user admin.
        var admin = app.Client();
        var login = await admin.GetStringAsync("/admin/login");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/login", Form(login, ("UserName", "admin"), ("Password", ZonaWelfareApp.AdminPassword)))).StatusCode);
        var list = await admin.GetStringAsync($"/{zone}/admin/users");
        var id = UserLink().Match(list).Groups[1].Value;
        Assert.NotEmpty(id);
        var editor = await admin.GetStringAsync($"/{zone}/admin/users/{id}");
        var reset = await admin.PostAsync($"/{zone}/admin/users/{id}/password", Form(editor, ("NewPassword", "Nuova-Password-2026!")));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        foreach (var session in new[] { copy, user })
        {
            var after = await session.GetAsync($"/{zone}/admin");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith($"/{zone}/account/login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }

    /// <summary>How many answers of a burst say the password was wrong (it was checked), rather than that the account is locked.</summary>
    private static async Task<int> EvaluatedAsync(IEnumerable<HttpResponseMessage> burst)
    {
        var bodies = await Task.WhenAll(burst.Select(r => r.Content.ReadAsStringAsync()));
        return bodies.Count(b => WebUtility.HtmlDecode(b).Contains(Wrong, StringComparison.Ordinal));
    }

    /// <summary>Another browser holding a copy of the session cookie just issued (as a stolen cookie would be).</summary>
    private HttpClient CopyOf(HttpResponseMessage signedIn, string cookieName)
    {
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(cookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        var copy = new HttpClient(app.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }

    private async Task<string> ZoneWithUserAsync(string prefix)
    {
        var slug = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        await app.CreateZoneAsync(slug, $$"""
            { "name": "l", "displayName": "L", "version": "1", "steps": [
              { "name": "features", "enable": [ "users" ] },
              { "name": "users", "users": [ { "userName": "mario.rossi", "email": "mario@{{slug}}.test", "roles": [], "password": "{{Right}}" } ] } ] }
            """);
        return slug;
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string page, string user, string password)
    {
        var fields = path.StartsWith("/admin", StringComparison.Ordinal)
            ? Form(page, ("UserName", user), ("Password", password))
            : Form(page, ("UserName", user), ("Password", password), ("ReturnUrl", ""));
        var response = await client.PostAsync(path, fields);
        return await response.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", Token().Match(page).Groups[1].Value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("href=\"[^\"]*/admin/users/([0-9a-fA-F-]{8,})\"")]
    private static partial Regex UserLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteLockoutTests(SqliteApp app) : LockoutTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLockoutTests(PostgresApp app) : LockoutTests(app), IClassFixture<PostgresApp>;
