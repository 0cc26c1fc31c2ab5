using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Bussola.Tests;

/// <summary>
/// Editors maintain the Bussola in the admin: a service's sections, its organization and locations, with Italian
/// messages on bad input, completeness in the editor and the list; and the public side follows (page, API, search).
/// A host of its own, since these tests change the example data.
/// </summary>
public abstract partial class BussolaEditorTests(BussolaEditorApp app)
{
    private const string Service = "srv-gr-assistenza-domiciliare";
    private const string ServicePath = "/grossetana/bussola/servizi/assistenza-domiciliare";

    [Fact]
    public async Task An_editor_changes_cosa_serve_and_the_page_the_api_and_the_search_show_it_while_every_other_section_stays()
    {
        var client = await app.PlatformAdminAsync();
        var before = await PublishedPartAsync("grossetana", Service, "ServicePart");
        const string text = "Documento d'identità e il modulo **ZQXVERDE** firmato.";

        var response = await client.PostEditorAsync($"/grossetana/admin/contents/{Service}/edit", "publish", ("ServicePart.WhatYouNeed", text));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await PublishedPartAsync("grossetana", Service, "ServicePart");
        Assert.Equal(text, after["whatYouNeed"]!.GetValue<string>());
        after["whatYouNeed"] = before["whatYouNeed"]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(before, after), $"Other sections changed:\n{before.ToJsonString()}\n{after.ToJsonString()}");

        var page = await app.Client().GetStringAsync(ServicePath);
        Assert.Contains("il modulo <strong>ZQXVERDE</strong> firmato", page, StringComparison.Ordinal);
        Assert.Contains("Aiuto a casa per la cura della persona", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var record = await app.GetJsonAsync($"/api/grossetana/services/{Service}");
        Assert.Equal(text, record.GetProperty("designers_italia").GetProperty("what_you_need").GetString());
        var hits = await app.GetJsonAsync("/api/grossetana/services?search=zqxverde");
        Assert.Equal([Service], hits.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Contains("bussola/servizi/assistenza-domiciliare", await app.Client().GetStringAsync("/grossetana/bussola?q=zqxverde"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_reported_in_italian_at_each_input_and_nothing_is_saved()
    {
        var client = await app.PlatformAdminAsync();
        var before = await LatestVersionIdAsync("grossetana", Service);

        var response = await client.PostEditorAsync(
            $"/grossetana/admin/contents/{Service}/edit",
            "publish",
            ("ServicePart.Status", "sospeso"),
            ("ServicePart.StatusReason", ""),
            ("ServicePart.Contacts.Email", "sportello@"),
            ("ServicePart.Contacts.Website", "javascript:alert(1)"),
            ("ServicePart.LastReviewed", "2026-02-31"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Indica il motivo dello stato «sospeso»", html, StringComparison.Ordinal);
        Assert.Contains("L'indirizzo e-mail «sportello@» non è valido", html, StringComparison.Ordinal);
        Assert.Contains("Il sito «javascript:alert(1)» non è un indirizzo web", html, StringComparison.Ordinal);
        Assert.Contains("La data dell'ultima revisione «2026-02-31» non è valida", html, StringComparison.Ordinal);
        // Each message is linked from the summary to its input, and shown at the input.
        Assert.Contains("href=\"#ServicePart_Contacts_Email\"", html, StringComparison.Ordinal);
        Assert.Matches(ErrorAtInput("ServicePart.Contacts.Email"), html);
        Assert.Equal(before, await LatestVersionIdAsync("grossetana", Service));
    }

    [Fact]
    public async Task A_location_with_bad_coordinates_or_hours_is_refused_and_a_good_one_is_saved()
    {
        var client = await app.PlatformAdminAsync();
        const string location = "sede-gr-coeso-grosseto";
        var editor = $"/grossetana/admin/contents/{location}/edit";
        var before = await LatestVersionIdAsync("grossetana", location);

        var bad = await client.PostEditorAsync(editor, "publish", ("LocationPart.Latitude", "95"), ("LocationPart.Longitude", "undici"), ("LocationPart.OpeningHours[0].Closes", "09:00"), ("LocationPart.Comune", "Milano"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("La longitudine «undici» non è un numero", html, StringComparison.Ordinal);
        Assert.Contains("Il comune «Milano» non è tra quelli della zona", html, StringComparison.Ordinal);
        Assert.Contains("Orario 1: apertura e chiusura sono la stessa ora (09:00).", html, StringComparison.Ordinal);
        Assert.Equal(before, await LatestVersionIdAsync("grossetana", location));

        var good = await client.PostEditorAsync(editor, "publish", ("LocationPart.Latitude", "42,7701"), ("LocationPart.OpeningHours[2].Days", "sabato"), ("LocationPart.OpeningHours[2].Opens", "09:00"), ("LocationPart.OpeningHours[2].Closes", "12:00"));

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var part = await PublishedPartAsync("grossetana", location, "LocationPart");
        Assert.Equal(42.7701, part["latitude"]!.GetValue<double>());
        Assert.Equal(["lunedì-venerdì", "martedì e giovedì", "sabato"], part["openingHours"]!.AsArray().Select(h => h!["days"]!.GetValue<string>()));
        Assert.Contains("sabato: dalle 09:00 alle 12:00", WebUtility.HtmlDecode(await app.Client().GetStringAsync(ServicePath)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_service_shows_how_complete_it_is_in_the_editor_and_in_the_list()
    {
        var client = await app.PlatformAdminAsync();

        var created = await client.PostEditorAsync("/grossetana/admin/contents/new/Servizio", "save", ("TitlePart.Title", "Sportello di prova completezza"), ("ServicePart.ShortDescription", "Una prova."), ("ServicePart.Status", "attivo"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editor = WebUtility.HtmlDecode(await client.GetStringAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("2 di 13 sezioni compilate", editor, StringComparison.Ordinal);
        Assert.Contains("Da compilare: A chi si rivolge, Come fare, Cosa serve, Cosa si ottiene, Tempi e scadenze, Canale di accesso, Condizioni di servizio, Quanto costa, Dove, Contatti, Ente responsabile.", editor, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/admin/contents?type=Servizio&q=prova+completezza"));
        Assert.Contains("2 di 13 sezioni compilate", list, StringComparison.Ordinal);
        var complete = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/admin/contents?type=Servizio&q=assistenza+domiciliare"));
        Assert.Contains("13 di 13 sezioni compilate", complete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pickers_offer_the_zones_locations_and_refuse_an_item_that_is_not_one()
    {
        var client = await app.PlatformAdminAsync();

        var found = await client.GetJsonAsync("/grossetana/admin/contents/picker?part=LocationPart&q=roccastrada");
        var titles = found.EnumerateArray().Select(f => f.GetProperty("text").GetString()!).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Contains("Roccastrada", t, StringComparison.Ordinal));
        Assert.Empty((await client.GetJsonAsync("/livornese/admin/contents/picker?part=LocationPart&q=roccastrada")).EnumerateArray());

        var editor = $"/grossetana/admin/contents/{Service}/edit";
        var html = await client.GetStringAsync(editor);
        var fields = HtmlForms.Fields(html, "form.content-editor", ("intent", "publish"));
        fields.Add(new("ServicePart.LocationIds", "org-gr-coeso"));
        var response = await client.PostAsync(HtmlForms.Action(html, "form.content-editor"), HtmlForms.Multipart(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("La sede «org-gr-coeso» non esiste più", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_page_and_the_api_read_in_a_bounded_number_of_sql_commands_whatever_the_number_of_sedi()
    {
        var counter = app.Services.GetRequiredService<SqlCommandCounter>();
        counter.Clear();
        var client = app.Client();
        // Addresses no other test asks for, so each is served fresh rather than from the output cache.
        var manySedi = ServicePath + "?conta=" + Guid.NewGuid().ToString("N");
        var oneSede = "/grossetana/bussola/servizi/centro-diurno-melograno?conta=" + Guid.NewGuid().ToString("N");
        const string list = "/api/grossetana/services?per_page=50&page=1";
        const string organizations = "/api/grossetana/organizations?per_page=50&page=1";
        const string record = "/api/grossetana/services/srv-gr-centro-diurno-melograno";
        foreach (var path in new[] { manySedi, oneSede, list, organizations, record })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        AssertCommands(counter, manySedi, 6, "the page of a service with 6 sedi");
        AssertCommands(counter, oneSede, 6, "the page of a service with 1 sede");
        Assert.Equal(counter.Commands(manySedi).Count, counter.Commands(oneSede).Count);
        AssertCommands(counter, list, 8, "an API page of 50 services");
        AssertCommands(counter, organizations, 6, "the API list of organizations");
        AssertCommands(counter, record, 8, "a service's API record");
    }

    [Fact]
    public async Task Requests_open_zone_connections_and_run_sql_without_blocking_a_thread()
    {
        var calls = app.Services.GetRequiredService<SynchronousDatabaseCalls>();
        // Activated first: EF Core's SQLite provider checks that the database exists synchronously inside
        // MigrateAsync, once per zone and process, which is not a request's own work.
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/grossetana/?attiva=" + Guid.NewGuid().ToString("N"))).StatusCode);
        var opensBefore = calls.AsyncOpens;
        var before = calls.Calls.Count;
        var client = await app.PlatformAdminAsync();
        var fresh = "?sync=" + Guid.NewGuid().ToString("N");
        foreach (var path in new[] { "/grossetana/" + fresh, ServicePath + fresh, "/grossetana/bussola?q=centro+anziani", "/api/grossetana/services?per_page=20&page=1", "/grossetana/admin/contents" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }

        var editor = $"/grossetana/admin/contents/{Service}/edit";
        var html = await client.GetStringAsync(editor);
        var saved = await client.PostAsync(HtmlForms.Action(html, "form.content-editor"), HtmlForms.Multipart(HtmlForms.Fields(html, "form.content-editor", ("intent", "publish"))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.True(calls.AsyncOpens > opensBefore, "no zone connection was opened through EF Core's asynchronous API");
        var synchronous = calls.Calls.Skip(before).ToList();
        Assert.True(synchronous.Count == 0, "synchronous database calls on request paths:\n" + string.Join("\n---\n", synchronous.Take(5)));
    }

    private static void AssertCommands(SqlCommandCounter counter, string path, int most, string what)
    {
        var commands = counter.Commands(path);
        // At least one: the answer was computed, not taken from the output cache.
        Assert.True(commands.Count > 0 && commands.Count <= most, $"{what} sent {commands.Count} SQL commands (goal 1…{most}):\n{string.Join("\n---\n", commands)}\n(requests counted: {counter.Summary()})");
    }

    [Fact]
    public async Task A_zone_that_names_its_types_otherwise_gets_the_whole_bussola_found_by_parts()
    {
        await app.CreateZoneAsync("colline", """
            {
              "name": "zona-colline", "displayName": "Colline di prova", "version": "1",
              "steps": [
                { "name": "zone", "displayName": "Zona delle Colline (prova)", "comuni": [ "Pitigliano", "Sorano" ] },
                { "name": "features", "enable": [ "contents", "users", "search", "bussola" ] },
                { "name": "contentTypes", "types": [
                  { "name": "ServizioSociale", "displayName": "Servizio sociale", "parts": [ "TitlePart", "AutoroutePart", "ServicePart" ], "settings": { "routePattern": "servizi-sociali/{slug}" } },
                  { "name": "EnteSociale", "displayName": "Ente erogatore", "parts": [ "TitlePart", "OrganizationPart" ] },
                  { "name": "SedeSociale", "displayName": "Punto di accesso", "parts": [ "TitlePart", "LocationPart" ] } ] },
                { "name": "content", "items": [
                  { "id": "ente-unione", "type": "EnteSociale", "parts": { "TitlePart": { "title": "Unione dei comuni delle Colline" }, "OrganizationPart": { "type": "Comune" } } },
                  { "id": "sede-pitigliano", "type": "SedeSociale", "parts": { "TitlePart": { "title": "Sportello di Pitigliano" },
                    "LocationPart": { "address": "Piazza della Repubblica 1", "comune": "Pitigliano", "latitude": 42.6355, "longitude": 11.6707 } } },
                  { "id": "srv-telesoccorso", "type": "ServizioSociale", "parts": { "TitlePart": { "title": "Telesoccorso per anziani soli" }, "AutoroutePart": { "slug": "telesoccorso" },
                    "ServicePart": { "area": "anziani", "status": "attivo", "shortDescription": "Un pulsante da portare con sé per chiamare aiuto.", "whatYouNeed": "La domanda firmata.",
                      "organizationId": "ente-unione", "locationIds": [ "sede-pitigliano" ], "targets": [ "anziani" ] } } } ] }
              ]
            }
            """);

        var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/colline/servizi-sociali/telesoccorso"));
        Assert.Contains("La domanda firmata.", page, StringComparison.Ordinal);
        Assert.Contains("Unione dei comuni delle Colline", page, StringComparison.Ordinal);
        Assert.Contains("Sportello di Pitigliano", page, StringComparison.Ordinal);
        Assert.Contains("\"@type\":\"GovernmentService\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/colline/servizi-sociali/telesoccorso\"", await app.Client().GetStringAsync("/colline/bussola?q=telesoccorso&comune=Pitigliano"), StringComparison.Ordinal);

        var services = await app.GetJsonAsync("/api/colline/services?search=telesoccorso");
        var service = Assert.Single(services.GetProperty("contents").EnumerateArray());
        Assert.Equal("srv-telesoccorso", service.GetProperty("id").GetString());
        Assert.EndsWith("/colline/servizi-sociali/telesoccorso", service.GetProperty("web_url").GetString(), StringComparison.Ordinal);
        var record = await app.GetJsonAsync("/api/colline/services/srv-telesoccorso");
        Assert.Equal("Unione dei comuni delle Colline", record.GetProperty("organization").GetProperty("name").GetString());
        var organization = Assert.Single((await app.GetJsonAsync("/api/colline/organizations")).GetProperty("contents").EnumerateArray());
        Assert.Equal("ente-unione", organization.GetProperty("id").GetString());

        var client = await app.PlatformAdminAsync();
        var editor = WebUtility.HtmlDecode(await client.GetStringAsync("/colline/admin/contents/srv-telesoccorso/edit"));
        Assert.Contains("Scheda del servizio", editor, StringComparison.Ordinal);
        Assert.Contains("Unione dei comuni delle Colline", editor, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/colline/admin/contents?type=ServizioSociale"));
        Assert.Contains("di 13 sezioni compilate", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_taken_off_line_can_be_published_again_as_it_was_after_an_edit_and_after_a_restore()
    {
        const string id = "srv-gr-roccastrada-pasti-domicilio";
        var client = await app.PlatformAdminAsync();
        var web = new Uri((await app.GetJsonAsync($"/api/grossetana/services/{id}")).GetProperty("web_url").GetString()!).AbsolutePath;
        var editor = $"/grossetana/admin/contents/{id}/edit";

        await ActAsync(client, editor, "unpublish");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(web)).StatusCode);
        await ActAsync(client, editor, "publish");
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(web)).StatusCode);

        await ActAsync(client, editor, "unpublish");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostEditorAsync(editor, "save", ("ServicePart.WhatYouNeed", "Il modulo ROSSOBLU."))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(web)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostEditorAsync(editor, "publish")).StatusCode);
        Assert.Contains("Il modulo ROSSOBLU.", await app.Client().GetStringAsync(web), StringComparison.Ordinal);

        var versions = await client.GetStringAsync($"/grossetana/admin/contents/{id}/versions");
        var first = Regex.Matches(versions, "action=\"(/grossetana/admin/contents/[^\"]+/versions/[0-9a-f]{32}/restore)\"").Select(m => m.Groups[1].Value).Last();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(first, new FormUrlEncodedContent(HtmlForms.Fields(versions, $"form[action='{first}']")))).StatusCode);
        await ActAsync(client, editor, "publish");
        var restored = await app.Client().GetStringAsync(web);
        Assert.DoesNotContain("ROSSOBLU", restored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/api/grossetana/services/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("bussola", true)]
    [InlineData("bussola-estate", false)]
    [InlineData("admin", true)]
    public async Task A_page_may_not_take_an_address_another_section_answers(string slug, bool reserved)
    {
        var client = await app.PlatformAdminAsync();

        var response = await client.PostEditorAsync("/grossetana/admin/contents/new/Pagina", "save", ("TitlePart.Title", "Pagina " + slug), ("AutoroutePart.Slug", slug), ("field-Corpo", "Testo."));

        Assert.Equal(reserved ? HttpStatusCode.BadRequest : HttpStatusCode.Redirect, response.StatusCode);
        if (reserved)
        {
            Assert.Contains($"L'indirizzo «/{slug}» è riservato a un'altra sezione del sito", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_search_too_long_or_with_an_absurd_word_is_refused_by_the_page_and_the_api_with_a_clear_message()
    {
        var longSearch = await app.Client().GetAsync("/grossetana/bussola?q=" + new string('a', 7000));
        Assert.Equal(HttpStatusCode.BadRequest, longSearch.StatusCode);
        Assert.Contains("La ricerca può contenere al massimo 200 caratteri (ora ne contiene 7000)", WebUtility.HtmlDecode(await longSearch.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var word = "assistenza " + new string('z', 45);
        var longWord = await app.Client().GetAsync("/grossetana/bussola?q=" + Uri.EscapeDataString(word));
        Assert.Equal(HttpStatusCode.BadRequest, longWord.StatusCode);
        Assert.Contains("è troppo lunga: una parola può avere al massimo 40 caratteri", WebUtility.HtmlDecode(await longWord.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var api = await app.Client().GetAsync("/api/grossetana/services?search=" + Uri.EscapeDataString(word));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Contains("troppo lunga", problem.RootElement.GetProperty("errors").GetProperty("search")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>Presses a button of the editor's «Pubblicazione» box.</summary>
    private static async Task ActAsync(HttpClient client, string editor, string action)
    {
        var html = await client.GetStringAsync(editor);
        var target = editor[..^"edit".Length] + action;
        var response = await client.PostAsync(target, new FormUrlEncodedContent(HtmlForms.Fields(html, $"form[action='{target}']")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("alert-danger", await client.GetStringAsync(editor), StringComparison.Ordinal);
    }

    private Task<JsonObject> PublishedPartAsync(string zone, string id, string part) =>
        app.InZoneAsync(zone, async services =>
            (await services.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Published))!.Content[part]!.AsObject());

    private Task<string> LatestVersionIdAsync(string zone, string id) =>
        app.InZoneAsync(zone, async services =>
            (await services.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Latest))!.ContentItemVersionId);

    /// <summary>The input named <paramref name="name"/> is marked invalid and followed by its message.</summary>
    private static Regex ErrorAtInput(string name) =>
        new($"name=\"{Regex.Escape(name)}\"[^>]*class=\"[^\"]*input-validation-error|class=\"[^\"]*input-validation-error[^\"]*\"[^>]*name=\"{Regex.Escape(name)}\"");
}

/// <summary>The shipped host with an SQL command counter on every zone database.</summary>
public abstract class BussolaEditorApp(StorageKind kind) : BussolaApp(kind)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<SqlCommandCounter>();
            services.AddSingleton<IZoneDbInterceptor>(sp => sp.GetRequiredService<SqlCommandCounter>());
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, SqlCommandCounter.RequestTargets>();
            services.AddSingleton<SynchronousDatabaseCalls>();
            services.AddSingleton<IZoneDbInterceptor>(sp => sp.GetRequiredService<SynchronousDatabaseCalls>());
        });
    }
}

/// <summary>Records every zone connection opened and every command run through EF Core's synchronous API.</summary>
public sealed class SynchronousDatabaseCalls : DbConnectionInterceptor, IZoneDbInterceptor, IDbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();
    private int _asyncOpens;

    public IReadOnlyList<string> Calls => [.. _calls];

    public int AsyncOpens => _asyncOpens;

    public override InterceptionResult ConnectionOpening(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _calls.Enqueue("open: " + Environment.StackTrace);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _asyncOpens);
        return ValueTask.FromResult(result);
    }

    InterceptionResult<System.Data.Common.DbDataReader> IDbCommandInterceptor.ReaderExecuting(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result)
    {
        _calls.Enqueue("reader: " + command.CommandText);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        _calls.Enqueue("non-query: " + command.CommandText);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        _calls.Enqueue("scalar: " + command.CommandText);
        return result;
    }
}

public sealed class SqliteBussolaEditorApp() : BussolaEditorApp(StorageKind.Sqlite);

public sealed class PostgresBussolaEditorApp() : BussolaEditorApp(StorageKind.Postgres);

public sealed class SqliteBussolaEditorTests(SqliteBussolaEditorApp app) : BussolaEditorTests(app), IClassFixture<SqliteBussolaEditorApp>;

public sealed class PostgresBussolaEditorTests(PostgresBussolaEditorApp app) : BussolaEditorTests(app), IClassFixture<PostgresBussolaEditorApp>;
