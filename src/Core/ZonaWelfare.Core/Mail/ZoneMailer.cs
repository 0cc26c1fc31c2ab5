using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Mail;

namespace ZonaWelfare.Core.Mail;

/// <summary>
/// Checks a message and enqueues it as a zone job. The check is here, not in the job: a wrong address is the
/// caller's mistake, reported while the caller can still tell the user, and never retried five times.
/// </summary>
internal sealed class ZoneMailer(IZoneJobQueue jobs) : IZoneMailer
{
    /// <summary>The job list's description column holds 500 characters.</summary>
    private const int MaxDescriptionLength = 500;

    public Task<string> SendAsync(ZoneMailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var job = Check(message);
        var description = message.Description ?? "E-mail a " + string.Join(", ", job.To);
        if (description.Length > MaxDescriptionLength)
        {
            description = string.Concat(description.AsSpan(0, MaxDescriptionLength - 1), "…");
        }

        return jobs.EnqueueAsync(job, new ZoneJobOptions { Description = description }, cancellationToken);
    }

    private static SendMailJob Check(ZoneMailMessage message)
    {
        // Init-only "required" members can still be null at run time (deserialized or built by reflection).
        var to = message.To ?? [];
        var cc = message.Cc ?? [];
        if (to.Count == 0)
        {
            throw new ArgumentException("Il messaggio non ha destinatari: indicare almeno un indirizzo in «A».", nameof(message));
        }

        var bad = FirstBad(to, "destinatari") ?? FirstBad(cc, "copia") ?? (message.ReplyTo is { } replyTo ? FirstBad([replyTo], "rispondi a") : null);
        if (bad is not null)
        {
            throw new ArgumentException(bad, nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Subject))
        {
            throw new ArgumentException("Il messaggio non ha oggetto.", nameof(message));
        }

        return new SendMailJob([.. to], [.. cc], message.Subject, message.TextBody ?? "", message.HtmlBody, message.ReplyTo);
    }

    /// <summary>What is wrong with the first item of <paramref name="addresses"/> that is not an address, or null.</summary>
    private static string? FirstBad(IEnumerable<string> addresses, string field)
    {
        foreach (var address in addresses)
        {
            if (!MailAddresses.TryParse(address, out _))
            {
                return $"«{address}» ({field}) non è un indirizzo e-mail valido.";
            }
        }

        return null;
    }
}
