using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// The host for the Contents tests. Until the Users module lands, zone users are simulated: a zone cookie
/// is minted for a user with a standard role, and <see cref="StandardRoleGrants"/> grants that role the
/// permissions the modules declare as its defaults, as the Users module does with roles it creates.
/// </summary>
public abstract class ContentsApp(StorageKind kind) : ZonaWelfareApp(kind)
{
    /// <summary>A client carrying a zone cookie for a user of <paramref name="zone"/> with <paramref name="role"/>.</summary>
    public HttpClient ZoneUser(string zone, string role, string userName = "utente.prova")
    {
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ZoneAuthentication.ZoneScheme);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userName), new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role), new Claim(ZoneAuthentication.ZoneClaim, zone)],
            ZoneAuthentication.ZoneScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), ZoneAuthentication.ZoneScheme);
        var client = Client();
        client.DefaultRequestHeaders.Add("Cookie", $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    /// <summary>A client signed in as the platform administrator (cookie path "/": valid in every zone).</summary>
    public async Task<HttpClient> PlatformAdminAsync()
    {
        var client = Client();
        var page = await client.GetStringAsync("/admin/login");
        var response = await client.PostAsync("/admin/login", ContentsForms.Form(page, ("UserName", "admin"), ("Password", AdminPassword)));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IAuthorizationHandler, StandardRoleGrants>());
    }

    /// <summary>Grants a role claim the default permissions the permission providers declare for it.</summary>
    private sealed class StandardRoleGrants(IEnumerable<IPermissionProvider> providers) : AuthorizationHandler<PermissionRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
        {
            var granted = providers.SelectMany(p => p.GetDefaultGrants())
                .Where(g => context.User.IsInRole(g.Key))
                .SelectMany(g => g.Value)
                .Any(p => p.Name == requirement.Permission.Name);
            if (granted)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}

public sealed class ContentsSqliteApp() : ContentsApp(StorageKind.Sqlite);

public sealed class ContentsPostgresApp() : ContentsApp(StorageKind.Postgres);

/// <summary>Form posts with the antiforgery token of the page they come from.</summary>
public static partial class ContentsForms
{
    public static MultipartFormDataContent Form(string page, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent { { new StringContent(Token(page)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    public static string Token(string page) => TokenPattern().Match(page).Groups[1].Value;

    /// <summary>The value of a hidden input of the page.</summary>
    public static string Hidden(string page, string name) => Regex.Match(page, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
