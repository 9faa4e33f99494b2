using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// A site written on one line as a place: "Facility, City, [State,] [Postal code,] Country", with a status after a
/// dash or in parentheses ("— Recruiting", "(Recruiting)"), "Facility - City, Country", "City, Country: Facility".
/// The address is read from the right, where its parts have fixed places (country, then postal code, state and
/// city); whatever is left on the left is the facility, commas and all ("University of California, San Francisco").
/// The country is kept as the page writes it: the FHIR mapper turns names in any of the common languages into ISO codes.
/// </summary>
internal static class SitePlaceParser
{
    private static readonly string[] Dashes = [" — ", " – ", " - ", " -- "];

    public static bool IsCountry(string text)
    {
        var trimmed = text.Trim();
        return PageVocabulary.IsCountry(trimmed) || (TextKey.Of(trimmed).Length > 3 && CountryCodes.Find(trimmed) is not null);
    }

    /// <summary>"Hôpital X, Paris, France": three or more parts, the first an organisation's name.</summary>
    public static bool StartsWithFacility(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length >= 3 && PageVocabulary.LooksLikeOrganisation(parts[0]);
    }

    public static Site Parse(string text, string? country)
    {
        var site = new Site { Country = country };
        var rest = StripStatus(text.Trim(), site);

        // "Paris, France: Hôpital Saint-Louis".
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && TryPlace(rest[..colon], site, facilityAllowed: false))
        {
            site.Facility = rest[(colon + 1)..].Trim();
            return site;
        }

        // "Hôpital Saint-Louis - Paris, France" or "Paris, France - Hôpital Saint-Louis".
        foreach (var dash in Dashes)
        {
            var at = rest.IndexOf(dash, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var (left, right) = (rest[..at].Trim(), rest[(at + dash.Length)..].Trim());
            if (right.Contains(',', StringComparison.Ordinal) && TryPlace(right, site, facilityAllowed: false))
            {
                site.Facility = left;
                return site;
            }

            if (left.Contains(',', StringComparison.Ordinal) && TryPlace(left, site, facilityAllowed: false))
            {
                site.Facility = right;
                return site;
            }
        }

        if (!TryPlace(rest, site, facilityAllowed: true))
        {
            site.Facility = rest;
        }

        return site;
    }

    /// <summary>The address of a site already named: "Paris, France, 75013", "Paris, , France", "Boston, Massachusetts, 02114, United States".</summary>
    public static bool TryAddress(string text, Site site)
    {
        if (!text.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split(',').Select(p => p.Trim()).ToList();
        var countryIndex = parts.FindIndex(IsCountry);
        var postalIndex = parts.FindIndex(p => p.Length is > 2 and < 12 && p.Any(char.IsAsciiDigit));
        if (countryIndex < 0 && postalIndex < 0)
        {
            return false;
        }

        site.City = parts[0].Length > 0 ? parts[0] : null;
        if (countryIndex > 0)
        {
            site.Country = parts[countryIndex];
        }

        if (postalIndex > 0)
        {
            site.PostalCode = parts[postalIndex];
        }

        site.State = parts.Skip(1).Where((p, i) => i + 1 != countryIndex && i + 1 != postalIndex && p.Length > 0).FirstOrDefault();
        return true;
    }

    // "Facility, City, State, Postal, Country" read from the right; true when a country ends the text.
    private static bool TryPlace(string text, Site site, bool facilityAllowed)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries).Where(p => p.Length > 0).ToList();
        if (parts.Count < 2)
        {
            return false;
        }

        var end = parts.Count;
        string? country = null;
        if (parts.Count >= 3 && IsCountry(parts[^2] + ", " + parts[^1]))
        {
            country = parts[^2] + ", " + parts[^1];
            end -= 2;
        }
        else if (IsCountry(parts[^1]))
        {
            country = parts[^1];
            end -= 1;
        }
        else
        {
            return false;
        }

        var rest = parts.Take(end).ToList();
        string? postalCode = null;
        if (rest.Count > 0 && IsPostalCode(rest[^1]))
        {
            postalCode = rest[^1];
            rest.RemoveAt(rest.Count - 1);
        }
        else if (rest.Count > 0 && SplitStatePostal(rest[^1]) is { } statePostal)
        {
            postalCode = statePostal.Postal;
            rest[^1] = statePostal.State;
        }

        if (!facilityAllowed && rest.Count > 2)
        {
            return false;
        }

        site.Country = country;
        site.PostalCode = postalCode;
        var facilityParts = facilityAllowed ? FacilityParts(rest) : 0;

        var place = rest.Skip(facilityParts).ToList();
        site.Facility = facilityParts > 0 ? string.Join(", ", rest.Take(facilityParts)) : null;
        site.City = place.Count > 0 ? place[0] : null;
        site.State = place.Count > 1 ? place[1] : null;
        return true;
    }

    // Left of the country: "Facility, City" (2), "Facility, City, State" (3), longer facilities keep their commas;
    // a lone name is the facility when it looks like an organisation, else the city.
    private static int FacilityParts(List<string> rest) => rest.Count switch
    {
        0 => 0,
        1 => PageVocabulary.LooksLikeOrganisation(rest[0]) ? 1 : 0,
        2 => 1,
        _ => rest.Count - 2,
    };

    private static bool IsPostalCode(string part) =>
        part.Length is > 2 and < 12 && part.Any(char.IsAsciiDigit) && part.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-');

    // "California 94143", "MA 02114".
    private static (string State, string Postal)? SplitStatePostal(string part)
    {
        var space = part.LastIndexOf(' ');
        if (space <= 0)
        {
            return null;
        }

        var postal = part[(space + 1)..];
        return postal.Length is >= 4 and <= 10 && postal.All(c => char.IsAsciiDigit(c) || c == '-') ? (part[..space].Trim(), postal) : null;
    }

    // "(Recruiting)", "— Recruiting", ", Recruiting" at the end of the line.
    private static string StripStatus(string text, Site site)
    {
        if (text.EndsWith(')'))
        {
            var open = text.LastIndexOf('(');
            if (open > 0 && StatusNormalizer.TryParse(text[(open + 1)..^1], out var inParens))
            {
                site.Status = inParens;
                return text[..open].Trim();
            }
        }

        foreach (var separator in Dashes.Append(", "))
        {
            var at = text.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && StatusNormalizer.TryParse(text[(at + separator.Length)..], out var afterDash))
            {
                site.Status = afterDash;
                return text[..at].Trim();
            }
        }

        return text;
    }
}
