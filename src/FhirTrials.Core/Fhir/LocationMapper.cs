using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// A trial site -> Location. The id comes from facility + city + country, so one hospital is one Location across
/// trials; the trial-specific recruitment status is therefore not on the Location (see <see cref="R5Extensions"/>).
/// Location.status is the facility's operational status, which a registry page only implies: active.
/// </summary>
internal static class LocationMapper
{
    public static Location? Map(MappingContext context, Site site)
    {
        var country = CountryCodes.Find(site.Country);
        var identity = string.Join(' ', new[] { site.Facility, site.City, country?.Code ?? site.Country }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (identity.Length == 0)
        {
            return null;
        }

        var id = FhirIds.Make("loc", identity);
        var existing = context.Locations.FirstOrDefault(l => l.Id == id);
        if (existing is not null)
        {
            return existing;
        }

        var address = new Address
        {
            Use = Address.AddressUse.Work,
            Type = Address.AddressType.Physical,
            City = Blank(site.City),
            State = Blank(site.State),
            PostalCode = Blank(site.PostalCode),
            Country = country?.Code ?? Blank(site.Country),
        };
        var location = new Location
        {
            Id = id,
            Meta = context.NewMeta(),
            Status = Location.LocationStatus.Active,
            Mode = Location.LocationMode.Instance,
            Name = Blank(site.Facility) ?? string.Join(", ", new[] { site.City, country?.Name ?? site.Country }.Where(s => !string.IsNullOrWhiteSpace(s))),
            Address = address,
            // Only the record's own coordinates: a gazetteer city centre is not where the site is.
            Position = site.Position is { } at
                ? new Location.PositionComponent { Latitude = Math.Round((decimal)at.Latitude, 5), Longitude = Math.Round((decimal)at.Longitude, 5) }
                : null,
        };
        location.Text = new NarrativeBuilder("Location")
            .Row("Name", location.Name)
            .Row("City", site.City)
            .Row("State", site.State)
            .Row("Postal code", site.PostalCode)
            .Row("Country", country is { } c ? $"{c.Name} ({c.Code})" : site.Country)
            .ToNarrative();
        context.Locations.Add(location);
        return location;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
