using Microsoft.AspNetCore.Identity;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>Identity's error messages in Italian, as the zone's users read them.</summary>
internal sealed class ItalianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Si è verificato un errore imprevisto.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "I dati sono stati modificati da qualcun altro nel frattempo: ricarica la pagina e riprova.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "La password non è corretta.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Il codice non è valido o è scaduto.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), $"Il nome utente '{userName}' non è valido: usa lettere senza accenti, cifre e i caratteri - . _ @ +.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"L'indirizzo e-mail '{email}' non è valido.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Il nome utente '{userName}' è già usato.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"L'indirizzo e-mail '{email}' è già usato da un altro utente.");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"Il nome del ruolo '{role}' non è valido.");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"Il ruolo '{role}' esiste già.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "L'utente ha già una password.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Il blocco non è attivo per questo utente.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"L'utente ha già il ruolo '{role}'.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"L'utente non ha il ruolo '{role}'.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"La password deve avere almeno {length} caratteri.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"La password deve contenere almeno {uniqueChars} caratteri diversi.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "La password deve contenere almeno un simbolo (né lettera né cifra).");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "La password deve contenere almeno una cifra (0-9).");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "La password deve contenere almeno una lettera minuscola.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "La password deve contenere almeno una lettera maiuscola.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
