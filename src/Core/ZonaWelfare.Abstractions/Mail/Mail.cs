namespace ZonaWelfare.Abstractions.Mail;

/// <summary>
/// Sends e-mail from the current zone (scoped). A message is a zone job: enqueued in the scope's zone transaction
/// when one is open, so a rolled-back change sends nothing and a committed one sends at least once, retried.
/// By default each message is written as an <c>.eml</c> file under <c>App_Data/zones/{slug}/mail/</c> (nothing
/// external needed); with <c>Mail:Smtp:Host</c> configured it goes to that SMTP server.
/// </summary>
public interface IZoneMailer
{
    /// <summary>Queues <paramref name="message"/>; returns the id of its job (also the file name of its <c>.eml</c>).</summary>
    /// <exception cref="ArgumentException">No recipient, no subject, or an address that is not one (the message, in Italian, names it); nothing is queued.</exception>
    Task<string> SendAsync(ZoneMailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>An e-mail: plain text body (an HTML alternative is optional); the sender is the platform's <c>Mail:From</c>.</summary>
public sealed record ZoneMailMessage
{
    /// <summary>Addresses of the recipients, at least one.</summary>
    public required IReadOnlyList<string> To { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public string? HtmlBody { get; init; }

    public IReadOnlyList<string> Cc { get; init; } = [];

    public string? ReplyTo { get; init; }

    /// <summary>What the zone's job list shows, e.g. «Promemoria a ufficio.piano@…».</summary>
    public string? Description { get; init; }
}
