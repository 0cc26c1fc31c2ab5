using MailKit.Net.Smtp;
using MimeKit;

namespace ZonaWelfare.Core.Mail;

/// <summary>Delivery through the configured SMTP server (<c>Mail:Smtp:*</c>), one connection per message.</summary>
internal static class SmtpMailSender
{
    public static async Task SendAsync(MimeMessage message, MailSmtpOptions smtp, CancellationToken cancellationToken)
    {
        var host = smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set.");
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
