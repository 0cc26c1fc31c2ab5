using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Bussola.Api;

namespace ZonaWelfare.Modules.Bussola.Tests;

/// <summary>
/// The Bussola's public HSDS-style API at /api/{zone}/…, through HTTP, over the example data of the
/// shipped Livornese (59 services) and Grossetana (63) recipes.
/// </summary>
public abstract class BussolaApiTests(BussolaApp app)
{
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task Paging_fields_are_consistent_from_the_first_page_past_the_last()
    {
        var first = await app.GetJsonAsync("/api/livornese/services?per_page=7");
        Assert.Equal(59, first.GetProperty("total_items").GetInt32());
        Assert.Equal(9, first.GetProperty("total_pages").GetInt32());
        Assert.Equal(1, first.GetProperty("page_number").GetInt32());
        Assert.Equal(7, first.GetProperty("size").GetInt32());
        Assert.True(first.GetProperty("first_page").GetBoolean());
        Assert.False(first.GetProperty("last_page").GetBoolean());
        Assert.False(first.GetProperty("empty").GetBoolean());

        var ids = new List<string>();
        for (var page = 1; page <= 9; page++)
        {
            var json = await app.GetJsonAsync($"/api/livornese/services?per_page=7&page={page}");
            ids.AddRange(json.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            Assert.Equal(json.GetProperty("contents").GetArrayLength(), json.GetProperty("size").GetInt32());
            Assert.Equal(page == 9, json.GetProperty("last_page").GetBoolean());
            Assert.Equal(page == 1, json.GetProperty("first_page").GetBoolean());
        }

        Assert.Equal(59, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("srv-liv-", id, StringComparison.Ordinal));

        var last = await app.GetJsonAsync("/api/livornese/services?per_page=7&page=9");
        Assert.Equal(59 - (8 * 7), last.GetProperty("size").GetInt32());

        var past = await app.GetJsonAsync("/api/livornese/services?per_page=7&page=10");
        Assert.True(past.GetProperty("empty").GetBoolean());
        Assert.Equal(0, past.GetProperty("size").GetInt32());
        Assert.True(past.GetProperty("last_page").GetBoolean());
        Assert.Equal(0, past.GetProperty("contents").GetArrayLength());

        var response = await app.Client().GetAsync("/api/livornese/services?per_page=7&page=2");
        var link = string.Join(",", response.Headers.GetValues("Link"));
        Assert.Contains("<http://localhost/api/livornese/services?per_page=7&page=3>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("<http://localhost/api/livornese/services?per_page=7&page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("<http://localhost/api/livornese/services?per_page=7&page=9>; rel=\"last\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_for_anziani_finds_the_services_for_the_elderly_first_by_relevance()
    {
        var ids = await IdsAsync("/api/grossetana/services?search=anziani&per_page=100");

        Assert.Contains("srv-gr-centro-diurno-melograno", ids);
        Assert.Contains("srv-gr-roccastrada-pasti-domicilio", ids);
        Assert.Contains("srv-gr-castiglione-soggiorni-estivi", ids);
        Assert.True(ids.Count < 63, "A search must not return the whole catalogue.");
        Assert.Contains("srv-gr-roccastrada-pasti-domicilio", await IdsAsync("/api/grossetana/services?search=anzini&per_page=100"));
    }

    [Fact]
    public async Task The_comune_filter_keeps_the_services_with_a_location_there_whatever_the_case()
    {
        var json = await app.GetJsonAsync("/api/grossetana/services?comune=Roccastrada&per_page=100");

        Assert.Equal(15, json.GetProperty("total_items").GetInt32());
        Assert.All(json.GetProperty("contents").EnumerateArray(), s =>
            Assert.Contains("Roccastrada", s.GetProperty("comuni").EnumerateArray().Select(c => c.GetString())));
        Assert.Equal(15, (await app.GetJsonAsync("/api/grossetana/services?comune=roccastrada")).GetProperty("total_items").GetInt32());
        var both = await app.GetJsonAsync("/api/grossetana/services?comune=Roccastrada&comune=Scansano");
        Assert.True(both.GetProperty("total_items").GetInt32() >= 15);
    }

    [Fact]
    public async Task Taxonomy_filters_by_term_id_and_by_name_match_the_terms_in_use()
    {
        var terms = await app.GetJsonAsync("/api/grossetana/taxonomy_terms?taxonomy_id=area&per_page=100");
        var anziani = terms.GetProperty("contents").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "area:anziani");
        var disabilita = terms.GetProperty("contents").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "area:disabilita");
        Assert.Equal("disabilità", disabilita.GetProperty("name").GetString());
        Assert.All(terms.GetProperty("contents").EnumerateArray(), t => Assert.Equal("area", t.GetProperty("taxonomy_id").GetString()));

        var byId = await app.GetJsonAsync("/api/grossetana/services?taxonomy_term_id=area:anziani&per_page=100");
        Assert.Equal(anziani.GetProperty("service_count").GetInt32(), byId.GetProperty("total_items").GetInt32());
        Assert.All(byId.GetProperty("contents").EnumerateArray(), s => Assert.Equal("anziani", s.GetProperty("area").GetString()));
        Assert.Equal(byId.GetProperty("total_items").GetInt32(), (await app.GetJsonAsync("/api/grossetana/services?area=Anziani")).GetProperty("total_items").GetInt32());

        // Terms of one taxonomy add up (OR); terms of different taxonomies narrow (AND).
        var either = await app.GetJsonAsync("/api/grossetana/services?taxonomy_term_id=area:anziani,area:disabilita");
        Assert.Equal(anziani.GetProperty("service_count").GetInt32() + disabilita.GetProperty("service_count").GetInt32(), either.GetProperty("total_items").GetInt32());
        var narrowed = await app.GetJsonAsync("/api/grossetana/services?taxonomy_term_id=area:anziani&taxonomy_term_id=target:caregiver&per_page=100");
        Assert.InRange(narrowed.GetProperty("total_items").GetInt32(), 1, anziani.GetProperty("service_count").GetInt32() - 1);
        foreach (var id in narrowed.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()))
        {
            var service = await app.GetJsonAsync("/api/grossetana/services/" + id);
            var termIds = service.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("taxonomy_term_id").GetString()).ToList();
            Assert.Contains("area:anziani", termIds);
            Assert.Contains("target:caregiver", termIds);
        }

        var taxonomies = await app.GetJsonAsync("/api/grossetana/taxonomies");
        Assert.Equal(["area", "target", "access_mode"], taxonomies.GetProperty("contents").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
        Assert.Equal("Modalità di accesso", (await app.GetJsonAsync("/api/grossetana/taxonomies/access_mode")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Modified_after_returns_the_services_changed_at_or_after_the_instant()
    {
        const string id = "srv-liv-assistenza-domiciliare";
        await app.InZoneAsync("livornese", async services =>
        {
            var contents = services.GetRequiredService<IContentManager>();
            var item = (await contents.GetAsync(id, VersionOptions.Latest))!;
            await contents.UpdateAsync(item);
            await contents.PublishAsync(id);
        });

        var modified = DateTimeOffset.Parse((await app.GetJsonAsync("/api/livornese/services/" + id)).GetProperty("last_modified").GetString()!, CultureInfo.InvariantCulture);
        var since = await app.GetJsonAsync("/api/livornese/services?per_page=100&modified_after=" + Uri.EscapeDataString(modified.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)));
        Assert.Contains(id, since.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.True(since.GetProperty("total_items").GetInt32() < 59, "Services published before the change are left out.");
        Assert.All(since.GetProperty("contents").EnumerateArray(), s =>
            Assert.True(DateTimeOffset.Parse(s.GetProperty("last_modified").GetString()!, CultureInfo.InvariantCulture) >= modified));

        var after = await IdsAsync("/api/livornese/services?per_page=100&modified_after=" + Uri.EscapeDataString(modified.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(id, after);
        Assert.Equal(59, (await app.GetJsonAsync("/api/livornese/services?modified_after=2000-01-01")).GetProperty("total_items").GetInt32());
    }

    [Fact]
    public async Task A_service_is_a_fully_nested_record_with_organization_locations_and_the_designers_italia_sections()
    {
        var service = await app.GetJsonAsync("/api/livornese/services/srv-liv-assistenza-domiciliare");

        Assert.Equal("srv-liv-assistenza-domiciliare", service.GetProperty("id").GetString());
        Assert.Equal("Assistenza domiciliare per persone anziane", service.GetProperty("name").GetString());
        Assert.Equal("active", service.GetProperty("status").GetString());
        Assert.Equal("sociale.livorno@esempio.it", service.GetProperty("email").GetString());
        Assert.Equal("0586 000 120", service.GetProperty("phones")[0].GetProperty("number").GetString());
        Assert.Equal("0586 000 120", service.GetProperty("contacts")[0].GetProperty("phones")[0].GetProperty("number").GetString());
        Assert.Equal("it", service.GetProperty("languages")[0].GetProperty("code").GetString());
        Assert.Equal("http://localhost/livornese/bussola/servizi/assistenza-domiciliare", service.GetProperty("web_url").GetString());
        Assert.False(string.IsNullOrEmpty(service.GetProperty("assured_date").GetString()));
        Assert.False(string.IsNullOrEmpty(service.GetProperty("eligibility_description").GetString()));
        Assert.NotEmpty(service.GetProperty("cost_options").EnumerateArray());

        var organization = service.GetProperty("organization");
        Assert.Equal("org-liv-comune-livorno", organization.GetProperty("id").GetString());
        Assert.Equal("Comune di Livorno", organization.GetProperty("name").GetString());
        Assert.Equal(service.GetProperty("organization_id").GetString(), organization.GetProperty("id").GetString());

        var locations = service.GetProperty("service_at_locations").EnumerateArray().ToList();
        Assert.Equal(["sede-liv-sociale-centro", "sede-liv-sociale-sud", "sede-liv-sociale-nord"], locations.Select(l => l.GetProperty("location_id").GetString()!));
        var location = locations.Select(l => l.GetProperty("location")).Single(l => l.GetProperty("addresses")[0].GetProperty("address_1").GetString() == "Via Cogorano 25");
        var address = location.GetProperty("addresses")[0];
        Assert.Equal("57123", address.GetProperty("postal_code").GetString());
        Assert.Equal("Livorno", address.GetProperty("city").GetString());
        Assert.Equal("IT", address.GetProperty("country").GetString());
        Assert.InRange(location.GetProperty("latitude").GetDouble(), 43, 44);
        Assert.InRange(location.GetProperty("longitude").GetDouble(), 10, 11);
        var schedules = location.GetProperty("schedules").EnumerateArray().ToList();
        Assert.NotEmpty(schedules);
        Assert.All(schedules, s => Assert.Matches(@"^\d\d:\d\d$", s.GetProperty("opens_at").GetString()!));
        Assert.Contains(schedules, s => s.GetProperty("byday").GetString() is { Length: > 0 } && s.GetProperty("freq").GetString() == "WEEKLY");
        Assert.NotEmpty(location.GetProperty("accessibility").EnumerateArray());

        var attributes = service.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Contains(attributes, a => a.GetProperty("taxonomy_term_id").GetString() == "area:anziani" && a.GetProperty("taxonomy_term").GetProperty("name").GetString() == "anziani");
        Assert.Contains(attributes, a => a.GetProperty("link_type").GetString() == "access_mode");

        var italia = service.GetProperty("designers_italia");
        foreach (var section in new[] { "who_for", "how_to", "what_you_need", "what_you_get", "times_and_deadlines", "short_description" })
        {
            Assert.False(string.IsNullOrWhiteSpace(italia.GetProperty(section).GetString()), section);
        }

        var ente = await app.GetJsonAsync("/api/livornese/organizations/org-liv-comune-livorno");
        Assert.Contains("srv-liv-assistenza-domiciliare", ente.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(ente.GetProperty("services").GetArrayLength(), ente.GetProperty("service_count").GetInt32());
        Assert.Equal(organization.GetProperty("service_count").GetInt32(), ente.GetProperty("service_count").GetInt32());
        var enti = await app.GetJsonAsync("/api/livornese/organizations?per_page=100");
        Assert.Single((await app.GetJsonAsync("/api/livornese/organizations?search=comune+livorno")).GetProperty("contents").EnumerateArray(), o => o.GetProperty("id").GetString() == "org-liv-comune-livorno");
        Assert.Contains("org-liv-comune-livorno", enti.GetProperty("contents").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.All(enti.GetProperty("contents").EnumerateArray(), o => Assert.StartsWith("org-liv-", o.GetProperty("id").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/livornese/services/inesistente")]
    [InlineData("/api/livornese/services/srv-gr-assistenza-domiciliare")]
    [InlineData("/api/livornese/services/org-liv-comune-livorno")]
    [InlineData("/api/livornese/organizations/org-gr-coeso")]
    [InlineData("/api/livornese/organizations/srv-liv-assistenza-domiciliare")]
    [InlineData("/api/livornese/taxonomies/colore")]
    [InlineData("/api/livornese/taxonomy_terms/area:inesistente")]
    [InlineData("/api/livornese/inesistente")]
    [InlineData("/api/inesistente/services")]
    public async Task Unknown_ids_and_ids_of_another_zone_are_404_problems(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Each_zone_answers_with_its_own_data_even_from_the_cache()
    {
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(63, (await app.GetJsonAsync("/api/grossetana/services")).GetProperty("total_items").GetInt32());
            Assert.Equal(59, (await app.GetJsonAsync("/api/livornese/services")).GetProperty("total_items").GetInt32());
        }

        var cached = await app.Client().GetAsync("/api/livornese/services");
        Assert.True(cached.Headers.Age is not null, "A repeated anonymous GET is served from the output cache.");
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("per_page=0", "per_page")]
    [InlineData("per_page=101", "per_page")]
    [InlineData("per_page=2.5", "per_page")]
    [InlineData("modified_after=ieri", "modified_after")]
    [InlineData("modified_after=2026-13-01", "modified_after")]
    [InlineData("modified_after=2026-01-01T00:00:00+01:00", "modified_after")]
    [InlineData("taxonomy_term_id=area:astronomia", "taxonomy_term_id")]
    [InlineData("taxonomy_term_id=anziani", "taxonomy_term_id")]
    [InlineData("taxonomy_id=colore", "taxonomy_id")]
    [InlineData("area=astronomia", "area")]
    [InlineData("target=marziani", "target")]
    [InlineData("access_mode=teletrasporto", "access_mode")]
    [InlineData("comune=Milano", "comune")]
    [InlineData("organization_id=org-inesistente", "organization_id")]
    [InlineData("pagina=2", "pagina")]
    [InlineData("full=true", "full")]
    public async Task A_bad_parameter_is_a_400_problem_that_names_it(string query, string parameter)
    {
        await AssertBadParameterAsync("/api/grossetana/services?" + query, parameter);
    }

    [Theory]
    [InlineData("/api/grossetana/services?search=", "search")]
    [InlineData("/api/grossetana/organizations?per_page=500", "per_page")]
    [InlineData("/api/grossetana/taxonomy_terms?taxonomy_id=colore", "taxonomy_id")]
    [InlineData("/api/grossetana/taxonomies?page=x", "page")]
    [InlineData("/api/grossetana/services/srv-gr-assistenza-domiciliare?full=true", "full")]
    [InlineData("/api/grossetana/services.csv?comune=Grosseto", "comune")]
    [InlineData("/api/grossetana/openapi.json?v=1", "v")]
    public async Task Every_endpoint_checks_its_parameters(string path, string parameter)
    {
        // A search of more than 200 characters is refused too.
        await AssertBadParameterAsync(path.EndsWith("search=", StringComparison.Ordinal) ? path + new string('a', 201) : path, parameter);
    }

    [Fact]
    public async Task Any_origin_may_read_but_not_write_and_the_other_pages_stay_closed()
    {
        var client = app.Client();
        for (var round = 0; round < 2; round++)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, "/api/grossetana/services?per_page=3");
            get.Headers.Add("Origin", "https://esempio.example");
            var response = await client.SendAsync(get);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Contains("Link", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
        }

        using var head = new HttpRequestMessage(HttpMethod.Head, "/api/grossetana/services/srv-gr-assistenza-domiciliare");
        head.Headers.Add("Origin", "https://esempio.example");
        var headResponse = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.True(headResponse.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = Preflight("/api/grossetana/services", "GET");
        var allowed = await client.SendAsync(preflight);
        Assert.True(allowed.IsSuccessStatusCode, $"Preflight for GET: {allowed.StatusCode}");
        Assert.Equal("*", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        var methods = string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Methods"));
        Assert.Contains("GET", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("POST", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("DELETE", methods, StringComparison.Ordinal);

        foreach (var method in new[] { "POST", "DELETE", "PUT" })
        {
            using var write = Preflight("/api/grossetana/services", method);
            var refused = await client.SendAsync(write);
            Assert.False(refused.IsSuccessStatusCode && refused.Headers.Contains("Access-Control-Allow-Origin"), $"Preflight for {method} must not be granted.");
            Assert.False(refused.Headers.TryGetValues("Access-Control-Allow-Methods", out var granted) && string.Join(",", granted).Contains(method, StringComparison.Ordinal));
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/grossetana/services") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        post.Headers.Add("Origin", "https://esempio.example");
        var posted = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
        Assert.Equal(ProblemJson, posted.Content.Headers.ContentType?.MediaType);

        foreach (var page in new[] { "/grossetana/bussola", "/grossetana/admin", "/admin/login" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.Add("Origin", "https://esempio.example");
            Assert.False((await client.SendAsync(request)).Headers.Contains("Access-Control-Allow-Origin"), page);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_every_public_endpoint_with_parameters_and_schemas()
    {
        var response = await app.Client().GetAsync("/api/livornese/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/api/livornese", document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Contains("Zona Livornese", document.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["/", "/organizations", "/organizations/{id}", "/services", "/services.csv", "/services/{id}", "/taxonomies", "/taxonomies/{id}", "/taxonomy_terms", "/taxonomy_terms/{id}"],
            paths.Order(StringComparer.Ordinal));
        Assert.All(document.GetProperty("paths").EnumerateObject(), p => Assert.Equal(["get"], p.Value.EnumerateObject().Select(o => o.Name).Where(n => n != "parameters")));

        var list = document.GetProperty("paths").GetProperty("/services").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        foreach (var name in ApiParameter.ServiceList.Select(p => p.Name))
        {
            Assert.True(parameters.ContainsKey(name), name);
            Assert.Equal("query", parameters[name].GetProperty("in").GetString());
            Assert.False(string.IsNullOrWhiteSpace(parameters[name].GetProperty("description").GetString()), name);
        }

        Assert.Equal(100, parameters["per_page"].GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.Equal("integer", parameters["page"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("date-time", parameters["modified_after"].GetProperty("schema").GetProperty("format").GetString());
        Assert.Equal("array", parameters["taxonomy_term_id"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/page_of_service_summary", list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(list.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty(ProblemJson, out _));

        var detail = document.GetProperty("paths").GetProperty("/services/{id}").GetProperty("get");
        Assert.Contains(detail.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "id" && p.GetProperty("in").GetString() == "path" && p.TryGetProperty("description", out _));
        Assert.True(detail.GetProperty("responses").TryGetProperty("404", out _));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var service = schemas.GetProperty("service").GetProperty("properties");
        foreach (var property in new[] { "id", "name", "organization", "service_at_locations", "attributes", "designers_italia", "last_modified", "languages" })
        {
            Assert.True(service.TryGetProperty(property, out _), property);
        }

        Assert.True(schemas.GetProperty("page_of_service_summary").GetProperty("properties").TryGetProperty("total_pages", out _));
        Assert.True(schemas.TryGetProperty("location", out _));

        var grossetana = JsonDocument.Parse(await app.Client().GetStringAsync("/api/grossetana/openapi.json")).RootElement;
        Assert.Equal("http://localhost/api/grossetana", grossetana.GetProperty("servers")[0].GetProperty("url").GetString());
        var info = await app.GetJsonAsync("/api/grossetana");
        Assert.Equal("http://localhost/api/grossetana/openapi.json", info.GetProperty("openapi_url").GetString());
        Assert.Equal("3.0", info.GetProperty("version").GetString());
    }

    [Fact]
    public async Task The_csv_has_a_header_and_one_row_per_published_service_and_reads_back()
    {
        var response = await app.Client().GetAsync("/api/grossetana/services.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("servizi-grossetana.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("id;nome;descrizione;area;destinatari;modalita_accesso;stato;ente_id;ente;comuni;", text, StringComparison.Ordinal);
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { Separator = ';' });
        var rows = reader.GetRecords<ServiceCsvRow>().ToList();

        var apiIds = await IdsAsync("/api/grossetana/services?per_page=100");
        Assert.Equal(63, rows.Count);
        Assert.Equal(apiIds.Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        var row = rows.Single(r => r.Id == "srv-gr-assistenza-domiciliare");
        Assert.Equal("Assistenza domiciliare socio-assistenziale", row.Name);
        Assert.Equal("COeSO – Società della Salute dell'Area Grossetana", row.Organization);
        Assert.Contains("Roccastrada", row.Comuni!.Split(ServiceCsvRow.ListSeparator));
        Assert.Equal("anziani | persone con disabilità | caregiver", row.Targets);
        Assert.Equal("http://localhost/grossetana/bussola/servizi/assistenza-domiciliare", row.WebUrl);
    }

    [Fact]
    public async Task Unpublishing_a_service_removes_it_from_the_api_at_once()
    {
        const string id = "srv-liv-assistenza-domiciliare";
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/livornese/services/" + id)).StatusCode);
        Assert.Contains(id, await IdsAsync("/api/livornese/services?per_page=100"));
        Assert.Contains(id, await client.GetStringAsync("/api/livornese/services.csv"), StringComparison.Ordinal);

        await app.InZoneAsync("livornese", services => services.GetRequiredService<IContentManager>().UnpublishAsync(id));
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/livornese/services/" + id)).StatusCode);
            var list = await app.GetJsonAsync("/api/livornese/services?per_page=100");
            Assert.Equal(58, list.GetProperty("total_items").GetInt32());
            Assert.DoesNotContain(id, list.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
            Assert.DoesNotContain(id, await client.GetStringAsync("/api/livornese/services.csv"), StringComparison.Ordinal);
            var ente = await app.GetJsonAsync("/api/livornese/organizations/org-liv-comune-livorno");
            Assert.DoesNotContain(id, ente.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        }
        finally
        {
            await app.InZoneAsync("livornese", services => services.GetRequiredService<IContentManager>().PublishAsync(id));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/livornese/services/" + id)).StatusCode);
    }

    [Fact]
    public async Task A_zone_without_the_bussola_has_no_api()
    {
        const string slug = "senzabussola";
        await app.CreateZoneAsync(slug, """
            { "name": "senza-bussola", "displayName": "Senza Bussola", "version": "1.0", "steps": [
              { "name": "zone", "displayName": "Zona senza Bussola", "comuni": ["Capraia Isola"] },
              { "name": "features", "enable": ["opendata"] } ] }
            """);
        var client = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/{slug}/services")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/{slug}/openapi.json")).StatusCode);
        var problem = await client.GetAsync($"/api/{slug}/services");
        Assert.Equal(ProblemJson, problem.Content.Headers.ContentType?.MediaType);

        Assert.True((await app.Zones.ChangeModulesAsync(slug, ["bussola"], [])).Succeeded);
        var empty = await app.GetJsonAsync($"/api/{slug}/services");
        Assert.Equal(0, empty.GetProperty("total_items").GetInt32());
        Assert.True(empty.GetProperty("empty").GetBoolean());

        Assert.True((await app.Zones.ChangeModulesAsync(slug, [], ["bussola"])).Succeeded);
        var disabled = await client.GetAsync($"/api/{slug}/services");
        Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
        Assert.Equal(ProblemJson, disabled.Content.Headers.ContentType?.MediaType);
    }

    private async Task AssertBadParameterAsync(string path, string parameter)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray());
        Assert.Contains("«" + parameter + "»", problem.GetProperty("detail").GetString() + problem.GetProperty("errors").GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string path, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://esempio.example");
        request.Headers.Add("Access-Control-Request-Method", method);
        return request;
    }

    private async Task<List<string>> IdsAsync(string path) =>
        (await app.GetJsonAsync(path)).GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
}

[Collection(SqliteBussolaCollection.Name)]
public sealed class SqliteBussolaApiTests(SqliteBussolaApp app) : BussolaApiTests(app);

[Collection(PostgresBussolaCollection.Name)]
public sealed class PostgresBussolaApiTests(PostgresBussolaApp app) : BussolaApiTests(app);
