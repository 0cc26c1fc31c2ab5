using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Mail;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Jobs;
using ZonaWelfare.Core.Mail;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Core.Tests.Mail;

/// <summary>
/// Zone e-mail on real storage with the real job scheduler and no SMTP server: a message is a zone job that
/// writes <c>App_Data/zones/{slug}/mail/{jobId}.eml</c>, part of the zone transaction it is sent in. Waits poll
/// the job's row with a deadline; nothing sleeps for a fixed time. (SMTP delivery needs a server: not tested.)
/// </summary>
public abstract class ZoneMailerTests(StorageKind kind) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Jobs:IdleWaitTime"] = "00:00:01",
        ["Jobs:RetryBaseDelay"] = "00:00:00.300",
        ["Jobs:ClusterCheckinInterval"] = "00:00:01",
        ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:02",
        ["Mail:From"] = "Ufficio di Piano <piano@valle.example>",
    };

    /// <summary>A zone with no module enabled: e-mail is the platform's own job and runs in every zone.</summary>
    private const string Recipe = """
        { "name": "valle", "displayName": "Valle", "version": "1",
          "steps": [ { "name": "zone", "displayName": "Valle", "comuni": [ "Alto" ] } ] }
        """;

    private TestStore _store = null!;
    private TestPlatform? _node;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(kind);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_message_sent_in_a_committed_zone_transaction_is_written_once_as_an_eml_file()
    {
        var node = await NodeAsync(runJobs: true);

        string id;
        await using (var scope = await ScopeAsync(node))
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
            id = await scope.ServiceProvider.GetRequiredService<IZoneMailer>().SendAsync(new ZoneMailMessage
            {
                To = ["Mario Rossi <mario.rossi@comune.example>"],
                Cc = ["segreteria@comune.example"],
                ReplyTo = "sportello@valle.example",
                Subject = "Promemoria: attività di venerdì",
                TextBody = "Buongiorno,\nla riunione è confermata.",
                HtmlBody = "<p>Buongiorno,<br>la riunione è <b>confermata</b>.</p>",
            });
            await transaction.CommitAsync();
        }

        var job = await WaitForDoneAsync(node, id);
        Assert.Equal("E-mail a Mario Rossi <mario.rossi@comune.example>", job.Description);
        Assert.Equal([id + ".eml"], MailFiles(node));
        var message = await MimeMessage.LoadAsync(MailPath(node, id));
        Assert.Equal("mario.rossi@comune.example", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Mario Rossi", message.To.Mailboxes.Single().Name);
        Assert.Equal("segreteria@comune.example", Assert.Single(message.Cc.Mailboxes).Address);
        Assert.Equal("sportello@valle.example", Assert.Single(message.ReplyTo.Mailboxes).Address);
        Assert.Equal("piano@valle.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Promemoria: attività di venerdì", message.Subject);
        Assert.Equal("Buongiorno,\nla riunione è confermata.", message.TextBody?.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains("la riunione è <b>confermata</b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith(id, message.MessageId, StringComparison.Ordinal);
        Assert.Equal("valle", message.Headers[MailComposer.ZoneHeader]);
    }

    [Fact]
    public async Task A_message_sent_in_a_rolled_back_zone_transaction_is_never_written()
    {
        var node = await NodeAsync(runJobs: true);

        string rolledBack;
        await using (var scope = await ScopeAsync(node))
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
            rolledBack = await scope.ServiceProvider.GetRequiredService<IZoneMailer>().SendAsync(Message("annullato@comune.example"));
            // Disposed without a commit: rolled back, while the job's trigger is already in the platform store.
        }

        // A later message committed on its own: once it is written, the queue has looked at the earlier trigger too.
        string marker;
        await using (var scope = await ScopeAsync(node))
        {
            marker = await scope.ServiceProvider.GetRequiredService<IZoneMailer>().SendAsync(Message("dopo@comune.example"));
        }

        await WaitForDoneAsync(node, marker);
        Assert.Null(await FindJobAsync(node, rolledBack));
        Assert.Equal([marker + ".eml"], MailFiles(node));
    }

    [Fact]
    public async Task Running_the_same_mail_job_twice_leaves_one_file()
    {
        var node = await NodeAsync(runJobs: false);
        await using var scope = await ScopeAsync(node);
        var handler = scope.ServiceProvider.GetRequiredService<IZoneJobHandler<SendMailJob>>();
        var zone = scope.ServiceProvider.GetRequiredService<IZoneContext>().Current;
        var job = new SendMailJob(["mario@comune.example"], [], "Ricevuta", "Domanda ricevuta.", null, null);
        const string id = "0123456789abcdef0123456789abcdef";

        await handler.HandleAsync(job, new ZoneJobContext(id, zone, 1, 5), CancellationToken.None);
        var first = (await MimeMessage.LoadAsync(MailPath(node, id))).MessageId;
        await handler.HandleAsync(job, new ZoneJobContext(id, zone, 2, 5), CancellationToken.None);

        // No second file, and no temporary file left beside it.
        Assert.Equal([id + ".eml"], MailFiles(node, "*"));
        var again = await MimeMessage.LoadAsync(MailPath(node, id));
        Assert.Equal(first, again.MessageId);
        Assert.Equal("Domanda ricevuta.", again.TextBody?.TrimEnd('\r', '\n'));
        Assert.Null(again.HtmlBody);
    }

    [Theory]
    [InlineData("non un indirizzo", "destinatari")]
    [InlineData("mario.rossi", "destinatari")]
    [InlineData("mario@@comune.example", "destinatari")]
    [InlineData("uno@comune.example, due@comune.example", "destinatari")]
    public async Task A_bad_address_is_refused_naming_it_and_nothing_is_queued(string address, string field)
    {
        var node = await NodeAsync(runJobs: false);
        await using var scope = await ScopeAsync(node);
        var mailer = scope.ServiceProvider.GetRequiredService<IZoneMailer>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(Message("buono@comune.example", address)));

        Assert.Contains($"«{address}» ({field}) non è un indirizzo e-mail valido", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>().Jobs.CountAsync());
    }

    [Fact]
    public async Task A_bad_cc_or_reply_to_no_recipient_or_no_subject_is_refused_and_nothing_is_queued()
    {
        var node = await NodeAsync(runJobs: false);
        await using var scope = await ScopeAsync(node);
        var mailer = scope.ServiceProvider.GetRequiredService<IZoneMailer>();
        var good = Message("buono@comune.example");

        var cc = await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(good with { Cc = ["ok@comune.example", "senza-dominio"] }));
        Assert.Contains("«senza-dominio» (copia)", cc.Message, StringComparison.Ordinal);
        var replyTo = await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(good with { ReplyTo = "rispondi@" }));
        Assert.Contains("«rispondi@» (rispondi a)", replyTo.Message, StringComparison.Ordinal);
        var none = await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(good with { To = [] }));
        Assert.Contains("non ha destinatari", none.Message, StringComparison.Ordinal);
        var subject = await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(good with { Subject = "  " }));
        Assert.Contains("non ha oggetto", subject.Message, StringComparison.Ordinal);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>().Jobs.CountAsync());
    }

    private protected async Task<TestPlatform> NodeAsync(bool runJobs, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        _node = await TestPlatform.StartAsync(_store, [], settings: all);
        await _node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");
        if (runJobs)
        {
            await _node.StartJobsAsync();
        }

        return _node;
    }

    private protected async Task<TestPlatform> BareNodeAsync(Dictionary<string, string?> settings)
    {
        _node = await TestPlatform.StartAsync(_store, [], settings: settings);
        return _node;
    }

    private static ZoneMailMessage Message(params string[] to) => new()
    {
        To = to,
        Subject = "Prova",
        TextBody = "Testo di prova.",
    };

    private static async Task<IZoneScope> ScopeAsync(TestPlatform node)
    {
        var zone = await node.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync("valle") ?? throw new InvalidOperationException("no zone valle");
        return await node.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
    }

    private static string MailFolder(TestPlatform node) => Path.Combine(node.DataRoot, "zones", "valle", "mail");

    private static string MailPath(TestPlatform node, string id) => Path.Combine(MailFolder(node), id + ".eml");

    private static string[] MailFiles(TestPlatform node, string pattern = "*.eml") =>
        Directory.Exists(MailFolder(node)) ? [.. new DirectoryInfo(MailFolder(node)).GetFiles(pattern).Select(f => f.Name).Order(StringComparer.Ordinal)] : [];

    private static async Task<ZoneJobRecord?> FindJobAsync(TestPlatform node, string id)
    {
        await using var scope = await ScopeAsync(node);
        return await scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>().Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id);
    }

    private static async Task<ZoneJobRecord> WaitForDoneAsync(TestPlatform node, string id)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var job = await FindJobAsync(node, id);
            if (job?.State == ZoneJobState.Done)
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"mail job {id} is {job?.State.ToString() ?? "missing"} ({job?.Attempts} attempts, {job?.LastError}), not done after {Deadline.TotalSeconds} s");
            }

            await Task.Delay(50);
        }
    }
}

public sealed class SqliteZoneMailerTests() : ZoneMailerTests(StorageKind.Sqlite)
{
    [Theory]
    [InlineData("non un mittente")]
    [InlineData("noreply")]
    public async Task A_bad_sender_address_stops_the_host_at_start(string from)
    {
        var node = await BareNodeAsync(new() { ["Mail:From"] = from });

        // What the host runs at start for ValidateOnStart options.
        var error = Assert.Throws<OptionsValidationException>(() => node.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Mail:From «{from}»", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_settings_are_bound_from_the_mail_section()
    {
        var node = await BareNodeAsync(new()
        {
            ["Mail:Smtp:Host"] = "smtp.comune.example",
            ["Mail:Smtp:Port"] = "465",
            ["Mail:Smtp:UserName"] = "zw",
            ["Mail:Smtp:Password"] = "segreto",
            ["Mail:Smtp:Security"] = "SslOnConnect",
        });

        node.Services.GetRequiredService<IStartupValidator>().Validate();
        var smtp = node.Services.GetRequiredService<IOptions<MailOptions>>().Value.Smtp;
        Assert.Equal(("smtp.comune.example", 465, "zw", "segreto", MailKit.Security.SecureSocketOptions.SslOnConnect), (smtp.Host, smtp.Port, smtp.UserName, smtp.Password, smtp.Security));
    }
}

public sealed class PostgresZoneMailerTests() : ZoneMailerTests(StorageKind.Postgres);
