using MimeKit;

namespace ZonaWelfare.Core.Mail;

/// <summary>
/// One rule for what an address is, for the mailer's check, the options' check and the message itself: a single
/// mailbox (<c>mario@comune.it</c> or <c>Mario Rossi &lt;mario@comune.it&gt;</c>) with a domain. MimeKit's
/// default parser also takes a bare local part (<c>mario</c>), which no SMTP server can deliver.
/// </summary>
internal static class MailAddresses
{
    public static bool TryParse(string? text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // A new instance each time: ParserOptions is mutable, so a shared one would be static mutable state.
        var options = new ParserOptions { AllowAddressesWithoutDomain = false, AddressParserComplianceMode = RfcComplianceMode.Strict };
        if (!MailboxAddress.TryParse(options, text, out var parsed) || parsed.Domain.Length == 0)
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }

    public static MailboxAddress Parse(string text) =>
        TryParse(text, out var mailbox) ? mailbox : throw new FormatException($"«{text}» is not an e-mail address.");
}
