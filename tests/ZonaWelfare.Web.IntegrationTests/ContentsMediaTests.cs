using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Contents.Data;
using static ZonaWelfare.Web.IntegrationTests.ContentsForms;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>Media fields: uploads checked before anything is stored, files served only by their own zone.</summary>
public sealed partial class ContentsMediaTests(ContentsSqliteApp app) : IClassFixture<ContentsSqliteApp>
{
    private const string Recipe = """
        {
          "name": "media", "displayName": "Media", "version": "1",
          "steps": [
            { "name": "features", "enable": [ "contents" ] },
            { "name": "contentTypes", "types": [ {
              "name": "Documento", "displayName": "Documento", "parts": [ "TitlePart", "AutoroutePart" ],
              "settings": { "routePattern": "documenti/{slug}" },
              "fields": [ { "name": "Allegato", "displayName": "Allegato", "type": "media", "allowedExtensions": [ ".pdf" ], "maxSizeKb": 100 } ] } ] }
          ]
        }
        """;

    [Fact]
    public async Task An_oversized_upload_is_refused_with_a_clear_message_and_nothing_is_stored()
    {
        await EnsureZonesAsync();
        var client = await app.PlatformAdminAsync();

        var response = await PostDocumentAsync(client, "media-a", "Relazione", "relazione.pdf", "application/pdf", Pdf(150 * 1024));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Il file «relazione.pdf» è troppo grande (150 KB): per il campo «Allegato» il massimo è 100 KB.", html, StringComparison.Ordinal);
        await AssertNothingStoredAsync("media-a", "Relazione");
    }

    [Theory]
    [InlineData("pagina.html", "text/html", "<html><script>alert(1)</script></html>", "non è di un tipo ammesso per il campo «Allegato»: sono ammessi .pdf")]
    [InlineData("finto.pdf", "application/pdf", "<html>non sono un pdf</html>", "Il contenuto del file «finto.pdf» non corrisponde a un file .pdf.")]
    [InlineData("dichiarato.pdf", "text/html", "%PDF-1.4 finto", "dichiara il tipo «text/html»")]
    public async Task A_disallowed_upload_is_refused_with_a_clear_message_and_nothing_is_stored(string fileName, string contentType, string text, string message)
    {
        await EnsureZonesAsync();
        var client = await app.PlatformAdminAsync();

        var response = await PostDocumentAsync(client, "media-a", "Rifiutato " + fileName, fileName, contentType, Encoding.UTF8.GetBytes(text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertNothingStoredAsync("media-a", "Rifiutato " + fileName);
    }

    [Fact]
    public async Task An_accepted_file_is_served_by_its_zone_only_and_paths_cannot_escape_the_media_folder()
    {
        await EnsureZonesAsync();
        var client = await app.PlatformAdminAsync();
        var pdf = Pdf(2048);

        var response = await PostDocumentAsync(client, "media-a", "Bilancio sociale", "Bilancio Sociale 2025.pdf", "application/pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editor = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        var path = MediaLink().Match(editor).Groups[1].Value;
        Assert.Matches("^[0-9]{4}/[0-9]{2}/[0-9a-f]{12}-bilancio-sociale-2025\\.pdf$", path);

        var own = await app.Client().GetAsync("/media-a/media/" + path);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/media-b/media/" + path)).StatusCode);
        // %2F is not decoded by the client, so these reach the media endpoint as written.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/media-b/media/..%2F..%2F..%2Fmedia-a%2Fmedia%2F" + path.Replace("/", "%2F", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/media-a/media/..%2F..%2Fzone.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/media-a/media/2026%2F01%2F..%2F..%2F..%2Fzone.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/media-a/media/" + path.Replace(".pdf", ".PDF", StringComparison.Ordinal))).StatusCode);

        var published = await app.Client().GetStringAsync("/media-a/documenti/bilancio-sociale");
        Assert.Contains($"href=\"/media-a/media/{path}\">Bilancio Sociale 2025.pdf</a>", WebUtility.HtmlDecode(published), StringComparison.Ordinal);
    }

    private async Task EnsureZonesAsync()
    {
        foreach (var slug in new[] { "media-a", "media-b" })
        {
            if (await app.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) is null)
            {
                await app.CreateZoneAsync(slug, Recipe);
            }
        }
    }

    private static async Task<HttpResponseMessage> PostDocumentAsync(HttpClient client, string zone, string title, string fileName, string contentType, byte[] bytes)
    {
        var form = await client.GetStringAsync($"/{zone}/admin/contents/new/Documento");
        var content = Form(form, ("newItemId", Hidden(form, "newItemId")), ("TitlePart.Title", title), ("intent", "publish"));
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "field-Allegato-upload", fileName);
        return await client.PostAsync($"/{zone}/admin/contents/new/Documento", content);
    }

    private async Task AssertNothingStoredAsync(string zone, string title)
    {
        var descriptor = await app.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(zone);
        await using var scope = await app.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(descriptor!);
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        Assert.False(await db.Items.AnyAsync(i => i.DisplayText == title));
        Assert.False(await db.Media.AnyAsync(m => m.FileName.Contains(".pdf") && m.UploadedUtc > DateTime.UtcNow.AddMinutes(-1) && m.Path.Contains("relazione")));
        var folder = Path.Combine(scope.ServiceProvider.GetRequiredService<IZoneContext>().DataFolder, "media");
        Assert.DoesNotContain(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [], f => f.Contains("relazione", StringComparison.Ordinal) || f.Contains("finto", StringComparison.Ordinal) || f.Contains("pagina", StringComparison.Ordinal) || f.Contains("dichiarato", StringComparison.Ordinal));
    }

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        for (var i = 9; i < size; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }

    [GeneratedRegex("href=\"/media-a/media/([^\"]+)\"")]
    private static partial Regex MediaLink();
}
