namespace ZonaWelfare.Core.Mail;

/// <summary>
/// The payload of a zone e-mail, stored with its job (<c>core.send-mail</c>): the message as the caller gave it,
/// already checked. The sender is not part of it: it is the platform's <c>Mail:From</c> when the job runs.
/// </summary>
internal sealed record SendMailJob(
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string TextBody,
    string? HtmlBody,
    string? ReplyTo)
{
    /// <summary>The stable job name: stored with every queued message, so keep it when renaming types.</summary>
    public const string JobName = "core.send-mail";
}
