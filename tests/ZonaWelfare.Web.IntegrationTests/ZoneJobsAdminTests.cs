using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Jobs;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The host with the jobs test module and fast retries.</summary>
public sealed class JobsApp() : ZonaWelfareApp(StorageKind.Sqlite)
{
    public JobProbe Probe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:IdleWaitTime", "00:00:01");
        builder.UseSetting("Jobs:RetryBaseDelay", "00:00:00.200");
        builder.ConfigureTestServices(services =>
        {
            services.AddZoneModule(new JobsTestModule());
            services.AddSingleton(Probe);
        });
    }
}

/// <summary>A zone's admin page of background jobs: every state listed, newest first, filtered, paged; "riprova" on a failed job.</summary>
public sealed partial class ZoneJobsAdminTests(JobsApp app) : IClassFixture<JobsApp>
{
    private const string Recipe = """
        { "name": "lavori", "displayName": "Zona dei lavori", "version": "1",
          "steps": [ { "name": "zone", "displayName": "Zona dei lavori", "comuni": [ "Borgo" ] }, { "name": "features", "enable": [ "jobtest" ] } ] }
        """;

    [Fact]
    public async Task The_jobs_page_lists_pending_running_failed_and_done_jobs_and_retries_a_failed_one()
    {
        var zone = await app.CreateZoneAsync("lavori", Recipe);
        var done = await EnqueueAsync(zone, new PingJob("fatto"), "Invio di prova");
        var failed = await EnqueueAsync(zone, new FlakyJob("rotto", FailTimes: 1), "Lavoro che si guasta", maxAttempts: 1);
        var running = await EnqueueAsync(zone, new HoldJob("lungo"), "Lavoro lungo");
        var pending = await EnqueueAsync(zone, new PingJob("domani"), "Lavoro di domani", delay: TimeSpan.FromDays(1));
        try
        {
            await WaitForAsync(zone, done, ZoneJobState.Done);
            await WaitForAsync(zone, failed, ZoneJobState.Failed);
            await WaitForAsync(zone, running, ZoneJobState.Running);
            var client = await SignedInAsync();

            var menu = await client.GetStringAsync("/lavori/admin");
            Assert.Contains("href=\"/lavori/admin/jobs\">Lavori in background</a>", menu, StringComparison.Ordinal);

            var page = WebUtility.HtmlDecode(await client.GetStringAsync("/lavori/admin/jobs"));
            Assert.Contains("<h1>Lavori in background</h1>", page, StringComparison.Ordinal);
            Assert.Equal([pending, running, failed, done], Rows(page).Select(r => r.Id));
            Assert.Equal(["Pending", "Running", "Failed", "Done"], Rows(page).Select(r => r.State));
            Assert.Contains(">in attesa</span>", page, StringComparison.Ordinal);
            Assert.Contains(">in esecuzione</span>", page, StringComparison.Ordinal);
            Assert.Contains(">non riuscito</span>", page, StringComparison.Ordinal);
            Assert.Contains(">completato</span>", page, StringComparison.Ordinal);
            Assert.Contains("InvalidOperationException: Guasto simulato al tentativo 1.", page, StringComparison.Ordinal);
            Assert.Contains("<td>1 di 1</td>", page, StringComparison.Ordinal);
            Assert.Contains("Tutti (4)", page, StringComparison.Ordinal);

            var onlyFailed = WebUtility.HtmlDecode(await client.GetStringAsync("/lavori/admin/jobs?stato=non-riusciti"));
            Assert.Equal([failed], Rows(onlyFailed).Select(r => r.Id));
            Assert.Contains("<strong aria-current=\"page\">non riuscito (1)</strong>", onlyFailed, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/lavori/admin/jobs?stato=boh")).StatusCode);

            var retry = await client.PostAsync($"/lavori/admin/jobs/{failed}/retry", Form(onlyFailed));
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
            Assert.Contains("di nuovo in coda", WebUtility.HtmlDecode(await client.GetStringAsync("/lavori/admin/jobs")), StringComparison.Ordinal);
            await WaitForAsync(zone, failed, ZoneJobState.Done);
            Assert.Equal(2, app.Probe.RunsOf("rotto"));
        }
        finally
        {
            app.Probe.Release("lungo");
        }

        await WaitForAsync(zone, running, ZoneJobState.Done);
    }

    [Fact]
    public async Task The_jobs_page_pages_newest_first_and_is_closed_to_anonymous_visitors()
    {
        var zone = await app.CreateZoneAsync("pagine", Recipe.Replace("lavori", "pagine", StringComparison.Ordinal));
        var ids = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            ids.Add(await EnqueueAsync(zone, new PingJob("p" + i), $"Lavoro {i}", delay: TimeSpan.FromDays(1)));
        }

        var anonymous = await app.Client().GetAsync("/pagine/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        var client = await SignedInAsync();
        var first = WebUtility.HtmlDecode(await client.GetStringAsync("/pagine/admin/jobs"));
        Assert.Equal(25, Rows(first).Count);
        Assert.Equal(ids[26], Rows(first)[0].Id);
        Assert.Contains("pagina 1 di 2", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/pagine/admin/jobs?pagina=2\" rel=\"next\"", first, StringComparison.Ordinal);

        var second = WebUtility.HtmlDecode(await client.GetStringAsync("/pagine/admin/jobs?pagina=2"));
        Assert.Equal([ids[1], ids[0]], Rows(second).Select(r => r.Id));
    }

    private async Task<string> EnqueueAsync<TJob>(ZoneDescriptor zone, TJob job, string description, int? maxAttempts = null, TimeSpan delay = default)
        where TJob : class
    {
        await using var scope = await app.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
        var id = await scope.ServiceProvider.GetRequiredService<IZoneJobQueue>().EnqueueAsync(job, new ZoneJobOptions { Description = description, MaxAttempts = maxAttempts, Delay = delay });
        await transaction.CommitAsync();
        // Distinct creation times, so "newest first" is a fact and not a tie.
        await Task.Delay(5);
        return id;
    }

    private async Task WaitForAsync(ZoneDescriptor zone, string id, ZoneJobState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = await app.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone))
            {
                var job = await scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>().Jobs.AsNoTracking().FirstAsync(j => j.Id == id);
                if (job.State == state)
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"job {id} is {job.State}, not {state}, after 30 s");
            }

            await Task.Delay(50);
        }
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = app.Client();
        var login = await client.GetStringAsync("/admin/login");
        var response = await client.PostAsync("/admin/login", Form(login, ("UserName", "admin"), ("Password", ZonaWelfareApp.AdminPassword)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static List<(string Id, string State)> Rows(string page) =>
        JobRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", Token().Match(page).Groups[1].Value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("<tr data-job=\"([0-9a-f]{32})\" data-state=\"([A-Za-z]+)\">")]
    private static partial Regex JobRow();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
