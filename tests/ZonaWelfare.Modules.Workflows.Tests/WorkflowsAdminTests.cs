using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Models;
using ZonaWelfare.Modules.Workflows.Services;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>The shipped host with fast jobs and a zone «flussi» (contents, workflows, an «Avviso» type, a Redattore and an Ufficio di Piano).</summary>
public abstract class WorkflowsAdminApp(StorageKind kind) : ZonaWelfareApp<Program>(kind, withTestModules: false)
{
    public const string Zone = "flussi";
    public const string Password = "Prova-Flussi-2026!";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateZoneAsync(Zone, $$"""
            {
              "name": "flussi", "displayName": "Flussi", "version": "1",
              "steps": [
                { "name": "zone", "displayName": "Zona dei flussi", "comuni": [ "Alto" ] },
                { "name": "features", "enable": [ "contents", "workflows", "users" ] },
                { "name": "roles", "roles": [ { "name": "Redattore" }, { "name": "Ufficio di Piano" } ] },
                { "name": "users", "users": [
                  { "userName": "r.bianchi", "email": "r.bianchi@example.org", "roles": [ "Redattore" ], "password": "{{Password}}" },
                  { "userName": "udp.flussi", "email": "udp@example.org", "roles": [ "Ufficio di Piano" ], "password": "{{Password}}" }
                ] },
                { "name": "contentTypes", "types": [ {{WorkflowsTestZone.AvvisoType}} ] }
              ]
            }
            """);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in WorkflowsTestZone.FastJobs)
        {
            builder.UseSetting(key, value);
        }
    }
}

public sealed class SqliteWorkflowsAdminApp() : WorkflowsAdminApp(StorageKind.Sqlite);

public sealed class PostgresWorkflowsAdminApp() : WorkflowsAdminApp(StorageKind.Postgres);

/// <summary>
/// The workflows admin through HTTP as a browser without JavaScript uses it: the list with its counts, the editor
/// (an invalid type refused in Italian at its activity, a valid change a new version), instances filtered, retried and
/// cancelled, and who may see or change what.
/// </summary>
public abstract partial class WorkflowsAdminTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : WorkflowsAdminApp
{
    private const string Zone = WorkflowsAdminApp.Zone;

    [Fact]
    public async Task The_list_shows_each_type_with_its_version_and_instances_per_status()
    {
        var prefix = Unique("Lista");
        await SaveTypeAsync(AuditOnPublish(prefix + "-pub"));
        await SaveTypeAsync(ManualThenWait(prefix + "-man"));
        await SaveTypeAsync(ManualThenFail(prefix + "-err"));
        var admin = await app.PlatformAdminAsync();
        await StartAsync(admin, prefix + "-man");
        await StartAsync(admin, prefix + "-man");
        await StartAsync(admin, prefix + "-err");
        var item = await CreateAvvisoAsync("Avviso della lista", publish: true);
        await EventuallyAsync(async () => (await InstancesAsync(prefix + "-pub")).Any(i => i.Status == WorkflowStatus.Finished && i.CorrelationId == item), "the published item's instance to finish");

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/{Zone}/admin/workflows"));

        Assert.Equal((2, 0, 0), Counts(html, prefix + "-man"));
        Assert.Equal((0, 1, 0), Counts(html, prefix + "-err"));
        Assert.Equal((0, 0, 1), Counts(html, prefix + "-pub"));
        Assert.Contains("Pubblicazione " + prefix, html, StringComparison.Ordinal);
        // «Avvia» only for the types that start by hand.
        Assert.Contains($"action=\"/{Zone}/admin/workflows/{prefix}-man/start\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/{Zone}/admin/workflows/{prefix}-pub/start\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_type_is_refused_with_the_italian_message_at_its_activity_keeping_what_was_typed_and_nothing_is_stored()
    {
        var name = Unique("Invalido");
        await SaveTypeAsync(AuditOnPublish(name));
        var admin = await app.PlatformAdminAsync();
        var editor = await admin.GetStringAsync($"/{Zone}/admin/workflows/{name}/edit");

        var response = await PostFormAsync(admin, editor, "save", ("activities[1].options", """{ "message": "Pubblicato {titolone}" }"""), ("activities[0].options", """{ "contentTypes": [ "Bando" ] }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Il flusso non è stato salvato", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("""id="act-1-options-error">\s*<li>«[^»]+»: il segnaposto «\{titolone\}» non esiste"""), html);
        Assert.Matches(new Regex("""id="act-0-options-error">\s*<li>«[^»]+»: il tipo di contenuto «Bando» non esiste"""), html);
        Assert.Contains("href=\"#act-1-options\"", html, StringComparison.Ordinal);
        Assert.Contains("Pubblicato {titolone}", html, StringComparison.Ordinal);
        Assert.Equal(1, await CurrentVersionAsync(name));
        Assert.Equal(1, await app.InZoneAsync(Zone, sp => sp.GetRequiredService<WorkflowsDbContext>().TypeVersions.CountAsync(v => v.TypeName == name)));

        // Options that are not JSON are reported at their text area too.
        var broken = await PostFormAsync(admin, editor, "save", ("activities[1].options", "{ \"message\": "));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Matches(new Regex("""id="act-1-options-error">\s*<li>Le opzioni non sono JSON valido"""), WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CurrentVersionAsync(name));
    }

    [Fact]
    public async Task A_valid_change_saves_version_2_and_a_running_instance_stays_on_version_1()
    {
        var name = Unique("Versioni");
        await SaveTypeAsync(ManualThenWait(name));
        var admin = await app.PlatformAdminAsync();
        var running = await StartAsync(admin, name);
        var editor = await admin.GetStringAsync($"/{Zone}/admin/workflows/{name}/edit");

        var response = await PostFormAsync(admin, editor, "save", ("displayName", "Promemoria rivisto"), ("activities[2].options", """{ "message": "Promemoria per {titolo}, rivisto" }"""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/{Zone}/admin/workflows/{name}", response.Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Salvata la versione 2", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Equal(2, await CurrentVersionAsync(name));
        var instance = (await InstancesAsync(name)).Single(i => i.Id == running);
        Assert.Equal(1, instance.Version);
        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        Assert.Contains("versione 1", WebUtility.HtmlDecode(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances/{running}")), StringComparison.Ordinal);

        // The same form again changes nothing: no version 3.
        var again = await PostFormAsync(admin, await admin.GetStringAsync($"/{Zone}/admin/workflows/{name}/edit"), "save");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await CurrentVersionAsync(name));
    }

    [Fact]
    public async Task Without_javascript_the_add_activity_button_adds_a_row_and_the_new_type_is_saved_from_the_form()
    {
        var name = Unique("Nuovo");
        var admin = await app.PlatformAdminAsync();
        var blank = await admin.GetStringAsync($"/{Zone}/admin/workflows/new");

        var added = await PostFormAsync(admin, blank, "add-activity", ("name", name), ("displayName", "Flusso nuovo"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withRow = await added.Content.ReadAsStringAsync();
        Assert.Contains("id=\"act-1\"", withRow, StringComparison.Ordinal);
        Assert.Null(await CurrentVersionAsync(name));

        var transition = await PostFormAsync(admin, withRow, "add-transition", ("activities[1].activity", "Audit"), ("activities[1].options", """{ "message": "Avviato a mano" }"""));
        var complete = await transition.Content.ReadAsStringAsync();
        var saved = await PostFormAsync(admin, complete, "save", ("transitions[0].from", "avvio"), ("transitions[0].outcome", "done"), ("transitions[0].to", "attivita-2"));

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CurrentVersionAsync(name));
        var instance = await StartAsync(admin, name);
        await EventuallyAsync(async () => (await InstancesAsync(name)).Single().Status == WorkflowStatus.Finished, "the manual instance to finish");
        Assert.Contains("Avviato a mano", WebUtility.HtmlDecode(await admin.GetStringAsync($"/{Zone}/admin/audit")), StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"done\"", await admin.GetStringAsync($"/{Zone}/admin/workflows/instances/{instance}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_editor_refuses_broken_json_and_saves_a_valid_definition()
    {
        var name = Unique("Json");
        await SaveTypeAsync(AuditOnPublish(name));
        var admin = await app.PlatformAdminAsync();
        var page = await admin.GetStringAsync($"/{Zone}/admin/workflows/{name}/edit?vista=json");

        var broken = await PostFormAsync(admin, page, "json", ("json", "{ \"name\": "));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("Il JSON non è valido", WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var renamed = await PostFormAsync(admin, page, "json", ("json", AuditOnPublish("Altro") ));
        Assert.Contains("non si può cambiare", WebUtility.HtmlDecode(await renamed.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var saved = await PostFormAsync(admin, page, "json", ("json", AuditOnPublish(name).Replace("Pubblicato {titolo}", "Pubblicato di nuovo {titolo}", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await CurrentVersionAsync(name));
    }

    [Fact]
    public async Task Instances_are_filtered_by_type_status_and_item_with_counts_per_status()
    {
        var prefix = Unique("Filtri");
        await SaveTypeAsync(ManualThenWait(prefix + "-man"));
        await SaveTypeAsync(ManualThenFail(prefix + "-err"));
        var admin = await app.PlatformAdminAsync();
        var waiting = await StartAsync(admin, prefix + "-man");
        var item = await CreateAvvisoAsync("Avviso dei filtri", publish: false);
        var onItem = await StartAsync(admin, prefix + "-man", item);
        var faulted = await StartAsync(admin, prefix + "-err");

        var html = await admin.GetStringAsync($"/{Zone}/admin/workflows/instances?type={prefix}-man&status=waiting");
        Assert.Equal(new[] { onItem, waiting }, InstanceIds(html));
        Assert.All(StatusesOf(html), s => Assert.Equal(WorkflowStatus.Waiting, s));
        Assert.Contains("In attesa (2)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        Assert.Equal(new[] { faulted }, InstanceIds(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances?type={prefix}-err&status=faulted")));
        Assert.Empty(InstanceIds(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances?type={prefix}-err&status=finished")));
        Assert.Equal(new[] { onItem }, InstanceIds(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances?item={item}")));
        var all = InstanceIds(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances?status=faulted"));
        Assert.Contains(faulted, all);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/{Zone}/admin/workflows/instances?status=boh")).StatusCode);
    }

    [Fact]
    public async Task The_instance_list_pages_by_keyset_newest_first_without_gaps_or_repeats()
    {
        var name = Unique("Pagine");
        await SaveTypeAsync(ManualThenWait(name));
        var created = new List<string>();
        await app.InZoneAsync(Zone, async sp =>
        {
            var db = sp.GetRequiredService<WorkflowsDbContext>();
            var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 60; i++)
            {
                // Two instances per second: pages must order and cut ties by id.
                var id = $"{name.ToLowerInvariant()}{i:D3}".PadRight(32, '0')[..32];
                created.Add(id);
                db.Instances.Add(new WorkflowInstanceRecord { Id = id, TypeName = name, Version = 1, Status = WorkflowStatus.Finished, Input = "{}", State = "{}", CreatedUtc = start.AddSeconds(i / 2), UpdatedUtc = start });
            }

            await db.SaveChangesAsync();
        });
        var expected = created.OrderByDescending(id => created.IndexOf(id) / 2).ThenByDescending(id => id, StringComparer.Ordinal).ToList();
        var admin = await app.PlatformAdminAsync();

        var seen = new List<string>();
        var path = $"/{Zone}/admin/workflows/instances?type={name}";
        string? last = null;
        while (path is not null)
        {
            last = await admin.GetStringAsync(path);
            seen.AddRange(InstanceIds(last));
            path = NextLink().Match(last) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }

        Assert.Equal(expected, seen);
        // And back: the newer link of the last page shows the page before it.
        var previous = NewerLink().Match(last!);
        Assert.True(previous.Success);
        Assert.Equal(expected.Skip(25).Take(25), InstanceIds(await admin.GetStringAsync(WebUtility.HtmlDecode(previous.Groups[1].Value))));
    }

    [Fact]
    public async Task Retry_and_cancel_are_posted_with_the_antiforgery_token_and_the_runner_messages_are_shown()
    {
        var prefix = Unique("Azioni");
        await SaveTypeAsync(ManualThenWait(prefix + "-man"));
        await SaveTypeAsync(ManualThenFail(prefix + "-err"));
        var admin = await app.PlatformAdminAsync();
        var waiting = await StartAsync(admin, prefix + "-man");
        var faulted = await StartAsync(admin, prefix + "-err");

        var faultedPage = await admin.GetStringAsync($"/{Zone}/admin/workflows/instances/{faulted}");
        Assert.Contains("Il flusso non riguarda un contenuto", WebUtility.HtmlDecode(faultedPage), StringComparison.Ordinal);
        var retried = await admin.PostAsync($"/{Zone}/admin/workflows/instances/{faulted}/retry", Form(faultedPage, $"/{Zone}/admin/workflows/instances/{faulted}/retry"));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var history = await app.InZoneAsync(Zone, sp => sp.GetRequiredService<WorkflowsDbContext>().History.AsNoTracking().Where(h => h.InstanceId == faulted).OrderBy(h => h.Sequence).Select(h => h.Outcome).ToListAsync());
        // The retry ran and failed again: its run is rolled back and the instance recorded as faulted once more.
        Assert.Equal(["fault", "fault"], history);

        var waitingPage = await admin.GetStringAsync($"/{Zone}/admin/workflows/instances/{waiting}");
        Assert.DoesNotContain("/retry\"", waitingPage, StringComparison.Ordinal);
        var cancelled = await admin.PostAsync($"/{Zone}/admin/workflows/instances/{waiting}/cancel", Form(waitingPage, $"/{Zone}/admin/workflows/instances/{waiting}/cancel"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(WorkflowStatus.Cancelled, (await InstancesAsync(prefix + "-man")).Single(i => i.Id == waiting).Status);
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances/{waiting}"));
        Assert.Contains("L'istanza è stata annullata", after, StringComparison.Ordinal);
        Assert.DoesNotContain("/cancel\"", after, StringComparison.Ordinal);

        // A second cancel (from a stale page): the runner's message as an error.
        var again = await admin.PostAsync($"/{Zone}/admin/workflows/instances/{waiting}/cancel", Form(waitingPage, $"/{Zone}/admin/workflows/instances/{waiting}/cancel"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("L'istanza è già conclusa.", WebUtility.HtmlDecode(await admin.GetStringAsync($"/{Zone}/admin/workflows/instances/{waiting}")), StringComparison.Ordinal);

        // Without the antiforgery token nothing happens.
        var forged = await admin.PostAsync($"/{Zone}/admin/workflows/instances/{faulted}/cancel", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(WorkflowStatus.Faulted, (await InstancesAsync(prefix + "-err")).Single().Status);
    }

    [Fact]
    public async Task Viewing_needs_view_workflows_and_changes_need_manage_workflows()
    {
        var name = Unique("Permessi");
        await SaveTypeAsync(ManualThenWait(name));
        var admin = await app.PlatformAdminAsync();
        var instance = await StartAsync(admin, name);

        var anonymous = await app.Client().GetAsync($"/{Zone}/admin/workflows");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith($"/{Zone}/account/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var redattore = await SignInAsync("r.bianchi");
        Assert.Equal(HttpStatusCode.Forbidden, (await redattore.GetAsync($"/{Zone}/admin/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await redattore.GetAsync($"/{Zone}/admin/workflows/instances/{instance}")).StatusCode);

        // The Ufficio di Piano sees, without the buttons, and cannot change anything.
        var udp = await SignInAsync("udp.flussi");
        var list = await udp.GetStringAsync($"/{Zone}/admin/workflows");
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain("/start\"", list, StringComparison.Ordinal);
        var page = await udp.GetStringAsync($"/{Zone}/admin/workflows/instances/{instance}");
        Assert.DoesNotContain("/cancel\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await udp.GetAsync($"/{Zone}/admin/workflows/{name}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await udp.GetAsync($"/{Zone}/admin/workflows/new")).StatusCode);
        var token = HtmlForms.Fields(list, "form.admin-logout").Where(f => f.Key == "__RequestVerificationToken").ToList();
        Assert.Equal(HttpStatusCode.Forbidden, (await udp.PostAsync($"/{Zone}/admin/workflows/instances/{instance}/cancel", new FormUrlEncodedContent(token))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await udp.PostAsync($"/{Zone}/admin/workflows/{name}/start", new FormUrlEncodedContent(token))).StatusCode);
        Assert.Equal(WorkflowStatus.Waiting, (await InstancesAsync(name)).Single().Status);
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static string AuditOnPublish(string name) => $$"""
        {
          "name": "{{name}}", "displayName": "Pubblicazione {{name}}",
          "activities": [
            { "id": "pubblicato", "activity": "ContentPublished", "start": true, "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "registra", "activity": "Audit", "options": { "message": "Pubblicato {titolo}" } }
          ],
          "transitions": [ { "from": "pubblicato", "outcome": "done", "to": "registra" } ]
        }
        """;

    private static string ManualThenWait(string name) => $$"""
        {
          "name": "{{name}}", "displayName": "Promemoria {{name}}",
          "activities": [
            { "id": "avvio", "activity": "ManualStart", "start": true },
            { "id": "attesa", "activity": "Timer", "options": { "after": "P1D" } },
            { "id": "registra", "activity": "Audit", "options": { "message": "Promemoria per {titolo}" } }
          ],
          "transitions": [ { "from": "avvio", "outcome": "done", "to": "attesa" }, { "from": "attesa", "outcome": "done", "to": "registra" } ]
        }
        """;

    /// <summary>Publishes «the item» of an instance started without one: faults, every time.</summary>
    private static string ManualThenFail(string name) => $$"""
        {
          "name": "{{name}}", "displayName": "Errore {{name}}",
          "activities": [ { "id": "avvio", "activity": "ManualStart", "start": true }, { "id": "pubblica", "activity": "Publish" } ],
          "transitions": [ { "from": "avvio", "outcome": "done", "to": "pubblica" } ]
        }
        """;

    private Task SaveTypeAsync(string json) =>
        app.InZoneAsync(Zone, async sp =>
        {
            var definition = System.Text.Json.JsonSerializer.Deserialize<WorkflowTypeDefinition>(json, WorkflowTypeStore.StoreJson)!;
            var problems = await sp.GetRequiredService<WorkflowTypeValidator>().ValidateAsync(definition, new HashSet<string> { "contents", "workflows", "users" }, (n, ct) => sp.GetRequiredService<IContentMetadata>().GetTypeAsync(n, ct), CancellationToken.None);
            Assert.Empty(problems);
            await sp.GetRequiredService<WorkflowTypeStore>().SaveAsync(definition, "test", CancellationToken.None);
        });

    private Task<int?> CurrentVersionAsync(string name) =>
        app.InZoneAsync(Zone, async sp => (await sp.GetRequiredService<WorkflowsDbContext>().Types.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name))?.CurrentVersion);

    private Task<List<WorkflowInstanceRecord>> InstancesAsync(string typeName) =>
        app.InZoneAsync(Zone, sp => sp.GetRequiredService<WorkflowsDbContext>().Instances.AsNoTracking().Where(i => i.TypeName == typeName).ToListAsync());

    private Task<string> CreateAvvisoAsync(string title, bool publish) =>
        app.InZoneAsync(Zone, async sp =>
        {
            var manager = sp.GetRequiredService<IContentManager>();
            var item = await manager.NewAsync("Avviso");
            item.SetTitle(title);
            return (await manager.CreateAsync(item, publish)).ContentItemId;
        });

    /// <summary>«Avvia» on the list, as an editor clicks it; returns the new instance (from the redirect).</summary>
    private static async Task<string> StartAsync(HttpClient client, string name, string? item = null)
    {
        var list = await client.GetStringAsync($"/{Zone}/admin/workflows");
        var action = $"/{Zone}/admin/workflows/{name}/start";
        var fields = HtmlForms.Fields(list, $"form[action='{action}']").Where(f => f.Key != "item").Append(new("item", item ?? "")).ToList();
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/{Zone}/admin/workflows/instances/", location, StringComparison.Ordinal);
        return location.Split('/')[^1];
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string html, string intent, params (string Name, string Value)[] changes)
    {
        var selector = intent == "json" ? "form.wf-editor:not([data-next-activity])" : "form.wf-editor[data-next-activity]";
        var fields = HtmlForms.Fields(html, selector, ("intent", intent));
        foreach (var (name, value) in changes)
        {
            var at = fields.FindIndex(f => f.Key == name);
            fields.RemoveAll(f => f.Key == name);
            fields.Insert(at < 0 ? fields.Count : at, new(name, value));
        }

        return await client.PostAsync(HtmlForms.Action(html, selector), new FormUrlEncodedContent(fields));
    }

    private static FormUrlEncodedContent Form(string html, string action) => new(HtmlForms.Fields(html, $"form[action='{action}']"));

    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = app.Client();
        var page = await client.GetStringAsync($"/{Zone}/account/login");
        var fields = HtmlForms.Fields(page, "form[method='post']").Where(f => f.Key is not ("UserName" or "Password")).Append(new("UserName", userName)).Append(new("Password", WorkflowsAdminApp.Password));
        var response = await client.PostAsync($"/{Zone}/account/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static (int Waiting, int Faulted, int Finished) Counts(string html, string type)
    {
        var list = new Regex($"data-counts=\"{Regex.Escape(type)}\"(.*?)</ul>", RegexOptions.Singleline).Match(html);
        Assert.True(list.Success, "no counts for " + type);
        int Of(string status) => int.Parse(new Regex($"data-status=\"{status}\">(\\d+)<").Match(list.Groups[1].Value).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Of(WorkflowStatus.Waiting), Of(WorkflowStatus.Faulted), Of(WorkflowStatus.Finished));
    }

    private static List<string> InstanceIds(string html) => InstanceRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static List<string> StatusesOf(string html) => InstanceRow().Matches(html).Select(m => m.Groups[2].Value).ToList();

    private static Task EventuallyAsync(Func<Task<bool>> condition, string what) => WorkflowsTestZone.EventuallyAsync(condition, what);

    [GeneratedRegex("<tr data-instance=\"([0-9a-z]+)\" data-status=\"([a-z]+)\"")]
    private static partial Regex InstanceRow();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"prev\"")]
    private static partial Regex NewerLink();
}

public sealed class SqliteWorkflowsAdminTests(SqliteWorkflowsAdminApp app) : WorkflowsAdminTests<SqliteWorkflowsAdminApp>(app);

public sealed class PostgresWorkflowsAdminTests(PostgresWorkflowsAdminApp app) : WorkflowsAdminTests<PostgresWorkflowsAdminApp>(app);
