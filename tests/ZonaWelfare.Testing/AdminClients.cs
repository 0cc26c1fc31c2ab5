using System.Net;

namespace ZonaWelfare.Testing;

/// <summary>Admin sessions and editor posts, as a browser makes them.</summary>
public static class AdminClients
{
    /// <summary>A client signed in as the platform administrator (cookie path "/": valid in every zone).</summary>
    public static async Task<HttpClient> PlatformAdminAsync<TProgram>(this ZonaWelfareApp<TProgram> app)
        where TProgram : class
    {
        var client = app.Client();
        var page = await client.GetStringAsync("/admin/login");
        var fields = HtmlForms.Fields(page, "form[action='/admin/login']")
            .Where(f => f.Key is not ("UserName" or "Password"))
            .Append(new("UserName", "admin"))
            .Append(new("Password", ZonaWelfareApp<TProgram>.AdminPassword));
        using var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(fields));
        return response.StatusCode == HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException($"The platform administrator could not sign in: {(int)response.StatusCode}.");
    }

    /// <summary>
    /// Opens the content editor at <paramref name="editorPath"/>, changes the inputs named in <paramref name="changes"/>
    /// (a null value removes the input, as an unchecked box), and submits it with the button <c>intent</c>=<paramref name="intent"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostEditorAsync(this HttpClient client, string editorPath, string intent, params (string Name, string? Value)[] changes)
    {
        var html = await client.GetStringAsync(editorPath);
        var fields = HtmlForms.Fields(html, "form.content-editor", ("intent", intent));
        foreach (var (name, value) in changes)
        {
            var at = fields.FindIndex(f => f.Key == name);
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Insert(at < 0 ? fields.Count : at, new(name, value));
            }
        }

        return await client.PostAsync(HtmlForms.Action(html, "form.content-editor"), HtmlForms.Multipart(fields));
    }
}
