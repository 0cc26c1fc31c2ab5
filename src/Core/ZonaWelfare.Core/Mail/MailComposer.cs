using MimeKit;

namespace ZonaWelfare.Core.Mail;

/// <summary>Turns a queued message into the MIME message that is written or sent.</summary>
internal static class MailComposer
{
    /// <summary>Names the zone a message came from, for whoever reads the headers of a shared mailbox or server log.</summary>
    public const string ZoneHeader = "X-ZonaWelfare-Zone";

    /// <param name="job">The payload.</param>
    /// <param name="from">The platform's sender.</param>
    /// <param name="jobId">The job's id: every attempt of the job yields the same <c>Message-Id</c>, so a message sent twice (at least once) is recognisable as one.</param>
    /// <param name="zoneSlug">The zone that sends it.</param>
    /// <param name="date">The message's date.</param>
    public static MimeMessage Compose(SendMailJob job, MailboxAddress from, string jobId, string zoneSlug, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.AddRange(job.To.Select(MailAddresses.Parse));
        message.Cc.AddRange(job.Cc.Select(MailAddresses.Parse));
        if (job.ReplyTo is not null)
        {
            message.ReplyTo.Add(MailAddresses.Parse(job.ReplyTo));
        }

        message.Subject = job.Subject;
        message.Date = date;
        message.MessageId = $"{jobId}.{zoneSlug}@{from.Domain}";
        message.Headers.Add(ZoneHeader, zoneSlug);
        var body = new BodyBuilder { TextBody = job.TextBody };
        if (!string.IsNullOrEmpty(job.HtmlBody))
        {
            body.HtmlBody = job.HtmlBody;
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
