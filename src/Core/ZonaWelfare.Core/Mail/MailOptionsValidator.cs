using Microsoft.Extensions.Options;

namespace ZonaWelfare.Core.Mail;

/// <summary>A sender no server accepts, or an SMTP server that cannot be reached as configured, stops the host at start.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        if (!MailAddresses.TryParse(options.From, out _))
        {
            failures.Add($"Mail:From «{options.From}» is not an e-mail address (e.g. \"ZonaWelfare <noreply@comune.it>\").");
        }

        var smtp = options.Smtp;
        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            if (smtp.Port is < 1 or > 65535)
            {
                failures.Add($"Mail:Smtp:Port {smtp.Port} is not a TCP port.");
            }

            if (!string.IsNullOrEmpty(smtp.UserName) && smtp.Password is null)
            {
                failures.Add("Mail:Smtp:UserName is set but Mail:Smtp:Password is not.");
            }

            if (smtp.Timeout <= TimeSpan.Zero)
            {
                failures.Add("Mail:Smtp:Timeout must be positive.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
