using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Mail;

/// <summary>
/// Runs a queued e-mail in its zone: to the SMTP server when <c>Mail:Smtp:Host</c> is set, else into an
/// <c>.eml</c> file. A failure (server down, refused login) fails the attempt and the platform retries it.
/// </summary>
internal sealed class SendMailHandler(IZoneContext zoneContext, IOptions<MailOptions> options, TimeProvider clock) : IZoneJobHandler<SendMailJob>
{
    public string ModuleId => CoreZoneDbContext.ModuleId;

    public async Task HandleAsync(SendMailJob job, ZoneJobContext context, CancellationToken cancellationToken)
    {
        var mail = options.Value;
        var message = MailComposer.Compose(job, MailAddresses.Parse(mail.From), context.JobId, context.Zone.Slug, clock.GetUtcNow());
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            await EmlMailDrop.WriteAsync(message, zoneContext.DataFolder, context.JobId, cancellationToken);
        }
        else
        {
            await SmtpMailSender.SendAsync(message, mail.Smtp, cancellationToken);
        }
    }
}
