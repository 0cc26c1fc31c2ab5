using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Contents.Data;
using static ZonaWelfare.Web.IntegrationTests.ContentsForms;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The Contents module through HTTP: admin editor, versions, publication, public pages, cache, permissions.</summary>
public abstract partial class ContentsAdminTests(ContentsApp app)
{
    [Fact]
    public async Task Published_pages_of_the_recipe_answer_at_their_address_and_appear_in_the_menu()
    {
        var client = app.Client();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/livornese/piano-integrato-di-salute-2026-2028"));
        Assert.Contains("<h1>Piano Integrato di Salute 2026-2028</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>116 attività</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Piano di Inclusione Zonale", page, StringComparison.Ordinal);

        var home = await client.GetStringAsync("/livornese/");
        Assert.Contains("href=\"/livornese/chi-siamo\">Chi siamo</a>", home, StringComparison.Ordinal);

        var grossetana = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/chi-siamo"));
        Assert.Contains("COeSO", grossetana, StringComparison.Ordinal);
        Assert.DoesNotContain("Collesalvetti", grossetana, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/livornese/pagina-che-non-esiste")]
    [InlineData("/livornese/chi-siamo/altro")]
    [InlineData("/livornese/programmiamo-insieme-la-salute")]
    public async Task An_unknown_address_is_404(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina non trovata", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_of_the_zone_admin_are_sent_to_the_zone_login()
    {
        var response = await app.Client().GetAsync("/livornese/admin/contents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/livornese/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_admin_lists_filters_and_pages_the_contents()
    {
        var client = await app.PlatformAdminAsync();

        var all = WebUtility.HtmlDecode(await client.GetStringAsync("/livornese/admin/contents?type=Pagina"));
        Assert.Contains("Chi siamo", all, StringComparison.Ordinal);
        Assert.Contains("Co-programmazione 2026", all, StringComparison.Ordinal);

        var filtered = WebUtility.HtmlDecode(await client.GetStringAsync("/livornese/admin/contents?q=PIANO%20integrato&status=pubblicato&type=Pagina"));
        Assert.Contains("Piano Integrato di Salute 2026-2028", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain(">Chi siamo<", filtered, StringComparison.Ordinal);
        Assert.Contains("1 contenuto", filtered, StringComparison.Ordinal);

        var drafts = WebUtility.HtmlDecode(await client.GetStringAsync("/livornese/admin/contents?status=bozza"));
        Assert.DoesNotContain(">Chi siamo</a>", drafts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_reports_each_invalid_field_in_italian_and_saves_nothing()
    {
        var client = await app.PlatformAdminAsync();
        var form = await client.GetStringAsync("/livornese/admin/contents/new/Pagina");

        var response = await client.PostAsync("/livornese/admin/contents/new/Pagina", Form(form, ("TitlePart.Title", ""), ("AutoroutePart.Slug", "Non Valido!"), ("field-Corpo", ""), ("intent", "save")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches("<span [^>]*id=\"TitlePart_Title-error\"[^>]*>Il campo «Titolo» è obbligatorio.</span>", html);
        Assert.Matches("<input [^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"TitlePart_Title-error\"|<input [^>]*aria-describedby=\"TitlePart_Title-error\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("<p class=\"field-error\" id=\"field-Corpo-error\">Il campo «Corpo» è obbligatorio.</p>", html, StringComparison.Ordinal);
        Assert.Contains("Il campo «Indirizzo» può contenere solo lettere minuscole", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_markdown_payload_renders_inert_on_the_public_page()
    {
        var client = await app.PlatformAdminAsync();
        const string payload = "Testo **sicuro**.\n\n<script>alert('xss')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[clic](javascript:alert(2))";

        var id = await CreatePageAsync(client, "livornese", "Pagina con insidie", "pagina-con-insidie", payload, publish: true);

        var html = await app.Client().GetStringAsync("/livornese/pagina-con-insidie");
        var start = html.IndexOf("<article", StringComparison.Ordinal);
        var body = html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
        Assert.Contains("<strong>sicuro</strong>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(id);
    }

    [Fact]
    public async Task A_version_restored_from_the_admin_becomes_the_draft_and_then_the_public_page()
    {
        var client = await app.PlatformAdminAsync();
        var id = await CreatePageAsync(client, "livornese", "Orari dello sportello", "orari-sportello", "Aperto il lunedì.", publish: true);
        await EditPageAsync(client, "livornese", id, "Orari dello sportello", "Aperto il martedì.", publish: true);
        Assert.Contains("martedì", WebUtility.HtmlDecode(await app.Client().GetStringAsync("/livornese/orari-sportello")), StringComparison.Ordinal);

        var history = WebUtility.HtmlDecode(await client.GetStringAsync($"/livornese/admin/contents/{id}/versions"));
        var first = RestoreAction().Matches(history).Select(m => m.Groups[1].Value).Last();
        var restored = await client.PostAsync($"/livornese/admin/contents/{id}/versions/{first}/restore", Form(history));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);

        var editor = WebUtility.HtmlDecode(await client.GetStringAsync($"/livornese/admin/contents/{id}/edit"));
        Assert.Contains("La versione 1 è stata ripristinata come bozza (versione 3).", editor, StringComparison.Ordinal);
        Assert.Contains(">Aperto il lunedì.</textarea>", editor, StringComparison.Ordinal);
        Assert.Contains("martedì", WebUtility.HtmlDecode(await app.Client().GetStringAsync("/livornese/orari-sportello")), StringComparison.Ordinal);

        var published = await client.PostAsync($"/livornese/admin/contents/{id}/publish", Form(editor));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("lunedì", WebUtility.HtmlDecode(await app.Client().GetStringAsync("/livornese/orari-sportello")), StringComparison.Ordinal);

        var audit = WebUtility.HtmlDecode(await client.GetStringAsync($"/livornese/admin/audit?item={id}"));
        Assert.Contains("ripristinata la versione 1", audit, StringComparison.Ordinal);
        Assert.Contains("Pubblicazione", audit, StringComparison.Ordinal);
        Assert.Contains("admin", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_page_is_served_from_the_cache_until_a_publication_evicts_it()
    {
        var client = await app.PlatformAdminAsync();
        var id = await CreatePageAsync(client, "livornese", "Notizie dalla zona", "notizie-dalla-zona", "Prima notizia.", publish: true);
        Assert.Contains("Prima notizia.", await app.Client().GetStringAsync("/livornese/notizie-dalla-zona"), StringComparison.Ordinal);

        // A write that bypasses the content manager does not evict: the cached page proves the cache is in use.
        var livornese = await app.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync("livornese");
        await using (var scope = await app.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(livornese!))
        {
            var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
            var version = await db.Versions.SingleAsync(v => v.ContentItemId == id && v.Published);
            version.Content = version.Content.Replace("Prima notizia.", "Scritta di nascosto.", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        Assert.Contains("Prima notizia.", await app.Client().GetStringAsync("/livornese/notizie-dalla-zona"), StringComparison.Ordinal);

        await EditPageAsync(client, "livornese", id, "Notizie dalla zona", "Seconda notizia.", publish: true);

        var fresh = await app.Client().GetStringAsync("/livornese/notizie-dalla-zona");
        Assert.Contains("Seconda notizia.", fresh, StringComparison.Ordinal);

        var unpublished = await client.PostAsync($"/livornese/admin/contents/{id}/unpublish", Form(await client.GetStringAsync($"/livornese/admin/contents/{id}/edit")));
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/livornese/notizie-dalla-zona")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_page_disappears_from_the_site_and_the_list()
    {
        var client = await app.PlatformAdminAsync();
        var id = await CreatePageAsync(client, "livornese", "Pagina da eliminare", "pagina-da-eliminare", "Testo.", publish: true);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/livornese/pagina-da-eliminare")).StatusCode);

        var editor = await client.GetStringAsync($"/livornese/admin/contents/{id}/edit");
        var deleted = await client.PostAsync($"/livornese/admin/contents/{id}/delete", Form(editor));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/livornese/pagina-da-eliminare")).StatusCode);
        Assert.DoesNotContain(">Pagina da eliminare</a>", WebUtility.HtmlDecode(await client.GetStringAsync("/livornese/admin/contents?type=Pagina")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/livornese/admin/contents/{id}/edit")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_antiforgery_token_is_refused()
    {
        var client = await app.PlatformAdminAsync();

        var response = await client.PostAsync("/livornese/admin/contents/new/Pagina", new FormUrlEncodedContent(new Dictionary<string, string> { ["TitlePart.Title"] = "Senza token", ["field-Corpo"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_type_editor_adds_a_field_that_the_item_editor_then_offers()
    {
        var client = await app.PlatformAdminAsync();
        await app.CreateZoneAsync(Slug("tipi"), """{ "name": "t", "displayName": "T", "version": "1", "steps": [ { "name": "features", "enable": [ "contents" ] } ] }""");
        var zone = Slug("tipi");

        var list = await client.GetStringAsync($"/{zone}/admin/content-types");
        var created = await client.PostAsync($"/{zone}/admin/content-types", Form(list, ("name", "Notizia"), ("displayName", "Notizia")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var type = await client.GetStringAsync($"/{zone}/admin/content-types/Notizia");
        var added = await client.PostAsync($"/{zone}/admin/content-types/Notizia/fields", Form(type, ("fieldName", "Data"), ("fieldDisplayName", "Data della notizia"), ("fieldType", "Date")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var field = await client.GetStringAsync($"/{zone}/admin/content-types/Notizia/fields/Data");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/{zone}/admin/content-types/Notizia/fields/Data", Form(field, ("displayName", "Data della notizia"), ("required", "true")))).StatusCode);

        var bad = await client.PostAsync($"/{zone}/admin/content-types/Notizia", Form(type, ("displayName", "Notizia"), ("parts", "TitlePart"), ("routePattern", "notizie/{slug}")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("richiede la parte 'AutoroutePart'", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var editor = WebUtility.HtmlDecode(await client.GetStringAsync($"/{zone}/admin/contents/new/Notizia"));
        Assert.Contains("<input type=\"date\" id=\"field-Data\" name=\"field-Data\"", editor, StringComparison.Ordinal);
        var missing = await client.PostAsync($"/{zone}/admin/contents/new/Notizia", Form(editor, ("TitlePart.Title", "Senza data"), ("intent", "save")));
        Assert.Contains("Il campo «Data della notizia» è obbligatorio.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    protected string Slug(string name) => $"{name}-{(app.Kind == ZonaWelfare.Testing.StorageKind.Sqlite ? "s" : "p")}";

    internal static async Task<string> CreatePageAsync(HttpClient client, string zone, string title, string slug, string body, bool publish)
    {
        var form = await client.GetStringAsync($"/{zone}/admin/contents/new/Pagina");
        var response = await client.PostAsync($"/{zone}/admin/contents/new/Pagina", Form(form, ("newItemId", Hidden(form, "newItemId")), ("TitlePart.Title", title), ("AutoroutePart.Slug", slug), ("field-Corpo", body), ("intent", publish ? "publish" : "save")));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        return response.Headers.Location!.OriginalString.Split('/')[^2];
    }

    private static async Task EditPageAsync(HttpClient client, string zone, string id, string title, string body, bool publish)
    {
        var response = await client.PostEditorAsync($"/{zone}/admin/contents/{id}/edit", publish ? "publish" : "save", ("TitlePart.Title", title), ("field-Corpo", body));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("/versions/([0-9a-f]{32})/restore")]
    private static partial Regex RestoreAction();
}

public sealed class SqliteContentsAdminTests(ContentsSqliteApp app) : ContentsAdminTests(app), IClassFixture<ContentsSqliteApp>;

public sealed class PostgresContentsAdminTests(ContentsPostgresApp app) : ContentsAdminTests(app), IClassFixture<ContentsPostgresApp>;
