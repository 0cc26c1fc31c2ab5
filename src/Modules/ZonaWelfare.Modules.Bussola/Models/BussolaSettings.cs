using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ZonaWelfare.Modules.Bussola.Models;

/// <summary>
/// The Bussola's settings section (<c>bussola</c>): the places a citizen can sort services by distance
/// from ("vicino a"). A zone lists its comuni with the point distances are measured from, usually the
/// town hall.
/// </summary>
internal sealed class BussolaSettings : IValidatableObject
{
    public const string SectionName = "bussola";

    /// <summary>The comuni offered in "vicino a", in the order shown.</summary>
    public IList<BussolaPlace> Comuni { get; init; } = [];

    /// <summary>The place with this name (case-insensitive), if the zone lists it.</summary>
    public BussolaPlace? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Comuni.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Comuni.Count; i++)
        {
            var place = Comuni[i];
            string[] where = [string.Create(CultureInfo.InvariantCulture, $"{nameof(Comuni)}[{i}]")];
            if (string.IsNullOrWhiteSpace(place.Name))
            {
                yield return new ValidationResult("il nome del comune è obbligatorio.", where);
            }
            else if (!seen.Add(place.Name.Trim()))
            {
                yield return new ValidationResult($"il comune «{place.Name}» è elencato due volte.", where);
            }

            if (place.Latitude is < -90 or > 90 || double.IsNaN(place.Latitude))
            {
                yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"latitudine {place.Latitude} fuori dall'intervallo -90…90."), where);
            }

            if (place.Longitude is < -180 or > 180 || double.IsNaN(place.Longitude))
            {
                yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"longitudine {place.Longitude} fuori dall'intervallo -180…180."), where);
            }
        }
    }
}

/// <summary>A named point distances are measured from (WGS84 degrees).</summary>
/// <param name="Name">The comune's name as services' locations spell it, e.g. "Roccastrada".</param>
/// <param name="Latitude">Latitude in decimal degrees.</param>
/// <param name="Longitude">Longitude in decimal degrees.</param>
internal sealed record BussolaPlace(string Name, double Latitude, double Longitude);
