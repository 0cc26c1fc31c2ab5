using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>
/// The zone's password rules checked without a user store, for recipe validation (the zone's database may
/// not exist yet). The same rules and messages as Identity's <see cref="PasswordValidator{TUser}"/>.
/// </summary>
internal sealed class PasswordPolicy(IOptions<IdentityOptions> options)
{
    private readonly ItalianIdentityErrorDescriber _describer = new();

    /// <summary>What is wrong with <paramref name="password"/> (Italian); empty when it is strong enough.</summary>
    public IReadOnlyList<string> Check(string? password)
    {
        var rules = options.Value.Password;
        var errors = new List<IdentityError>();
        var value = password ?? "";
        if (string.IsNullOrWhiteSpace(value) || value.Length < rules.RequiredLength)
        {
            errors.Add(_describer.PasswordTooShort(rules.RequiredLength));
        }

        if (rules.RequireNonAlphanumeric && value.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(_describer.PasswordRequiresNonAlphanumeric());
        }

        if (rules.RequireDigit && !value.Any(char.IsAsciiDigit))
        {
            errors.Add(_describer.PasswordRequiresDigit());
        }

        if (rules.RequireLowercase && !value.Any(char.IsAsciiLetterLower))
        {
            errors.Add(_describer.PasswordRequiresLower());
        }

        if (rules.RequireUppercase && !value.Any(char.IsAsciiLetterUpper))
        {
            errors.Add(_describer.PasswordRequiresUpper());
        }

        if (rules.RequiredUniqueChars >= 1 && value.Distinct().Count() < rules.RequiredUniqueChars)
        {
            errors.Add(_describer.PasswordRequiresUniqueChars(rules.RequiredUniqueChars));
        }

        return errors.Select(e => e.Description).ToList();
    }
}
