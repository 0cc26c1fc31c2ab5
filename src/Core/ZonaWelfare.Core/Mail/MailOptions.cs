using MailKit.Security;

namespace ZonaWelfare.Core.Mail;

/// <summary>Bound from the <c>Mail</c> configuration section and checked when the host starts.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The sender of every zone's e-mail, e.g. <c>ZonaWelfare &lt;noreply@comune.it&gt;</c>.</summary>
    public string From { get; set; } = "ZonaWelfare <noreply@zonawelfare.local>";

    public MailSmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server; without <see cref="Host"/> messages are written as <c>.eml</c> files in the zone's folder.</summary>
public sealed class MailSmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Empty: no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// <c>Auto</c> (TLS on port 465, STARTTLS when the server offers it), <c>SslOnConnect</c>, <c>StartTls</c>
    /// (required), <c>StartTlsWhenAvailable</c> or <c>None</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>How long one SMTP operation may take before the attempt fails (and is retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
