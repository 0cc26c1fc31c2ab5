using System.Text.RegularExpressions;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The host for the Contents tests (a platform administrator signs in with <see cref="AdminClients.PlatformAdminAsync"/>).</summary>
public abstract class ContentsApp(StorageKind kind) : ZonaWelfareApp(kind);

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
