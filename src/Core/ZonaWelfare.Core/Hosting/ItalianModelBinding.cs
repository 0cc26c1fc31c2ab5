using Microsoft.AspNetCore.Mvc;

namespace ZonaWelfare.Core.Hosting;

/// <summary>
/// Model binding speaks Italian to editors: a value that cannot be read names the field and what was typed.
/// Required fields are the models' own rules (a non-nullable string is not implicitly required).
/// </summary>
internal static class ItalianModelBinding
{
    public static void Configure(MvcOptions options)
    {
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Il campo «{field}» non accetta il valore «{value}».");
        messages.SetValueIsInvalidAccessor(value => $"Il valore «{value}» non è valido.");
        messages.SetValueMustBeANumberAccessor(field => $"Il campo «{field}» deve essere un numero.");
        messages.SetValueMustNotBeNullAccessor(field => $"Il campo «{field}» è obbligatorio.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Manca il valore del campo «{field}».");
        messages.SetMissingKeyOrValueAccessor(() => "Manca un valore.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "La richiesta è vuota.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Il valore «{value}» non è valido.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Il valore non è valido.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Il valore deve essere un numero.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"Il valore del campo «{field}» non è valido.");
    }
}
