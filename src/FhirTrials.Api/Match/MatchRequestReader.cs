using System.Globalization;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Rendering;
using FhirTrials.Api.Search;
using FhirTrials.Core.Matching;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Match;

/// <summary>
/// Reads a <c>$match</c> request: GET parameters (age or birthdate, gender, condition, near or address-city and
/// address-country with distance, healthy-volunteer), a Parameters resource (patient, condition, the same simple
/// values, address, distance as a Quantity, bundle) or a Bundle holding a Patient and Conditions. Bad values are a 400
/// naming the parameter.
/// </summary>
public static class MatchRequestReader
{
    public const string GeolocationUrl = "http://hl7.org/fhir/StructureDefinition/geolocation";
    public const int MaxConditions = 20;

    private static readonly HashSet<string> Known =
    [
        "age", "birthdate", "gender", "condition", "near", "address-city", "address-country", "distance", "healthy-volunteer",
        "_count", "_include", SearchQueryParser.TokenParameter, "_format", "_pretty",
    ];

    private static readonly HashSet<string> InactiveClinicalStatus = ["inactive", "resolved", "remission"];

    public static MatchRequest Read(IEnumerable<KeyValuePair<string, string>> query, Resource? body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var input = new MatchInput();
        var warnings = new List<string>();
        foreach (var (name, value) in query)
        {
            if (Known.Contains(name))
            {
                input.Values.Add(new(name, value));
            }
            else
            {
                warnings.Add($"Unknown $match parameter '{SummaryFilter.Shorten(name)}': ignored.");
            }
        }

        switch (body)
        {
            case null:
                break;
            case Parameters parameters:
                ReadParameters(parameters, input, warnings);
                break;
            case Bundle bundle:
                ReadBundle(bundle, input);
                break;
            default:
                throw FhirException.BadRequest($"$match takes a Parameters or a Bundle resource, not {body.TypeName}.");
        }

        return Build(input, now, warnings);
    }

    private static void ReadParameters(Parameters parameters, MatchInput input, List<string> warnings)
    {
        foreach (var parameter in parameters.Parameter)
        {
            switch (parameter.Name, parameter.Resource, parameter.Value)
            {
                case ("patient", Patient patient, _):
                    input.Patient = input.Patient is null ? patient : throw FhirException.BadRequest("$match: give one patient.");
                    break;
                case ("condition", Condition condition, _):
                    input.Conditions.Add(condition);
                    break;
                case ("condition", null, CodeableConcept concept):
                    input.ConditionConcepts.Add(concept);
                    break;
                case ("condition", null, Coding coding):
                    input.ConditionConcepts.Add(new CodeableConcept { Coding = [coding] });
                    break;
                case ("bundle", Bundle bundle, _):
                    ReadBundle(bundle, input);
                    break;
                case ("address", null, Address address):
                    input.Address = address;
                    break;
                case ("distance", null, Quantity quantity):
                    input.DistanceKm = quantity.Value is { } value && GeoDistance.ToKilometres((double)value, quantity.Code ?? quantity.Unit) is { } km && km >= 0
                        ? km
                        : throw FhirException.BadRequest("$match: distance must be a Quantity in km, m or [mi_i].");
                    break;
                case ("age", null, Quantity age):
                    input.Values.Add(new("age", StudyMatchExtensions.Years(age) is { } years && years >= 0
                        ? Math.Floor(years).ToString(CultureInfo.InvariantCulture)
                        : throw FhirException.BadRequest("$match: age must be an Age in UCUM units (a, mo, wk, d).")));
                    break;
                case ({ } name, null, PrimitiveType primitive) when Known.Contains(name) && !name.StartsWith('_') || name == "_count":
                    input.Values.Add(new(name, primitive.ToString() ?? ""));
                    break;
                case ("healthyVolunteer", null, FhirBoolean flag):
                    input.Values.Add(new("healthy-volunteer", flag.Value == true ? "true" : "false"));
                    break;
                default:
                    warnings.Add($"$match parameter '{SummaryFilter.Shorten(parameter.Name)}' is not understood here: ignored.");
                    break;
            }
        }
    }

    private static void ReadBundle(Bundle bundle, MatchInput input)
    {
        foreach (var resource in bundle.Entry.Select(e => e.Resource))
        {
            switch (resource)
            {
                case Patient patient:
                    input.Patient = input.Patient is null ? patient : throw FhirException.BadRequest("$match: the Bundle holds more than one Patient.");
                    break;
                case Condition condition:
                    input.Conditions.Add(condition);
                    break;
            }
        }
    }

    private static MatchRequest Build(MatchInput input, DateTimeOffset now, List<string> warnings)
    {
        var canonical = new List<KeyValuePair<string, string>>();
        var age = Age(input, now);
        if (age is { } years)
        {
            canonical.Add(new("age", years.ToString(CultureInfo.InvariantCulture)));
        }

        var gender = input.Single("gender") ?? input.Patient?.Gender?.ToString().ToLowerInvariant();
        if (gender is not null and not ("female" or "male" or "other" or "unknown"))
        {
            throw FhirException.BadRequest($"$match: gender must be female, male, other or unknown, not '{SummaryFilter.Shorten(gender)}'.");
        }

        if (gender is not null)
        {
            canonical.Add(new("gender", gender));
        }

        var conditions = Conditions(input);
        canonical.AddRange(conditions.SelectMany(CanonicalCondition));
        var (place, distance) = Place(input, canonical, warnings);
        var healthy = input.Single("healthy-volunteer") switch
        {
            null => (bool?)null,
            "true" => true,
            "false" => false,
            var other => throw FhirException.BadRequest($"$match: healthy-volunteer must be true or false, not '{SummaryFilter.Shorten(other)}'."),
        };
        if (healthy is { } flag)
        {
            canonical.Add(new("healthy-volunteer", flag ? "true" : "false"));
        }

        var count = input.Single("_count") is { } countText
            ? int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? Math.Min(parsed, SearchQuery.MaxCount)
                : throw FhirException.BadRequest($"_count must be a whole number, not '{SummaryFilter.Shorten(countText)}'.")
            : SearchQuery.DefaultCount;
        canonical.Add(new("_count", count.ToString(CultureInfo.InvariantCulture)));
        var includes = input.Values.Where(v => v.Key == "_include").Select(v => v.Value).ToList();
        canonical.AddRange(includes.Select(i => new KeyValuePair<string, string>("_include", i)));
        return new MatchRequest(
            new MatchCriteria(age, gender, conditions, place, distance, healthy),
            count, includes, input.Single(SearchQueryParser.TokenParameter), canonical, warnings);
    }

    private static int? Age(MatchInput input, DateTimeOffset now)
    {
        if (input.Single("age") is { } text)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age <= 150
                ? age
                : throw FhirException.BadRequest($"$match: age must be whole years from 0 to 150, not '{SummaryFilter.Shorten(text)}'.");
        }

        var birth = input.Single("birthdate") ?? input.Patient?.BirthDate;
        if (birth is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            throw FhirException.BadRequest($"$match: birthdate must be a full date (yyyy-MM-dd), not '{SummaryFilter.Shorten(birth)}'.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var years = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
        return years is >= 0 and <= 150 ? years : throw FhirException.BadRequest("$match: the birth date gives an age outside 0 to 150.");
    }

    private static List<PatientCondition> Conditions(MatchInput input)
    {
        var concepts = input.Conditions
            .Where(c => c.ClinicalStatus?.Coding.Any(s => InactiveClinicalStatus.Contains(s.Code ?? "")) != true
                && c.VerificationStatus?.Coding.Any(s => s.Code is "refuted" or "entered-in-error") != true)
            .Select(c => c.Code).OfType<CodeableConcept>()
            .Concat(input.ConditionConcepts)
            .Select(c => new PatientCondition(Blank(c.Text), c.Coding.Select(d => (Blank(d.System), Blank(d.Code), Blank(d.Display))).ToList()))
            .ToList();
        foreach (var value in input.Values.Where(v => v.Key == "condition").Select(v => v.Value))
        {
            // condition=text, or a MeSH token system|code (other codes need their display, which a URL has no room for).
            var bar = value.IndexOf('|', StringComparison.Ordinal);
            concepts.Add(bar < 0
                ? new PatientCondition(Blank(value) ?? throw FhirException.BadRequest("$match: condition has no value."), [])
                : new PatientCondition(null, [(Blank(value[..bar]), Blank(value[(bar + 1)..]), null)]));
        }

        var usable = concepts.Where(c => c.Text is not null || c.Codings.Any(d => d.Display is not null || d.Code is not null)).ToList();
        return usable.Count <= MaxConditions ? usable : throw FhirException.BadRequest($"$match takes at most {MaxConditions} conditions.");
    }

    private static IEnumerable<KeyValuePair<string, string>> CanonicalCondition(PatientCondition condition)
    {
        var label = condition.Text ?? condition.Codings.Select(c => c.Display).FirstOrDefault(d => d is not null);
        if (label is not null)
        {
            yield return new("condition", label);
        }

        foreach (var (system, code, _) in condition.Codings.Where(c => MeshKnowledge.IsMesh(c.System) && c.Code is not null))
        {
            yield return new("condition", system + "|" + code);
        }
    }

    private static (PatientPlace? Place, double? DistanceKm) Place(MatchInput input, List<KeyValuePair<string, string>> canonical, List<string> warnings)
    {
        if (input.Single("near") is { } near)
        {
            var (center, km) = MatchSearchValues.ParseNear(near, "$match near");
            canonical.Add(new("near", near));
            return (new PatientPlace(center, "the given position"), km);
        }

        var distance = input.DistanceKm ?? Distance(input.Single("distance"));
        var address = input.Address ?? input.Patient?.Address.FirstOrDefault();
        var city = input.Single("address-city") ?? address?.City;
        var country = input.Single("address-country") ?? address?.Country;
        if (address?.GetExtension(GeolocationUrl) is { } geolocation
            && geolocation.GetExtensionValue<FhirDecimal>("latitude")?.Value is { } lat
            && geolocation.GetExtensionValue<FhirDecimal>("longitude")?.Value is { } lon
            && GeoPoint.IsValid((double)lat, (double)lon))
        {
            var km = distance ?? MatchSearchValues.DefaultDistanceKm;
            canonical.Add(new("near", FormattableString.Invariant($"{lat}|{lon}|{km}|km")));
            return (new PatientPlace(new GeoPoint((double)lat, (double)lon), "the patient's address position"), km);
        }

        if (city is null && country is null)
        {
            return (null, null);
        }

        if (Gazetteer.Find(city, country) is not { } place)
        {
            warnings.Add($"The patient's place '{string.Join(", ", new[] { city, country }.Where(s => s is not null))}' is not in the gazetteer "
                + $"(places of at least {Gazetteer.MinimumPopulation:N0} inhabitants, by city and country): distance not judged.");
            return (null, null);
        }

        var distanceKm = distance ?? MatchSearchValues.DefaultDistanceKm;
        canonical.Add(new("address-city", city!));
        canonical.Add(new("address-country", country!));
        canonical.Add(new("distance", distanceKm.ToString(CultureInfo.InvariantCulture)));
        return (new PatientPlace(place.Centre, $"{place.Name}, {place.CountryCode} (city centre)"), distanceKm);
    }

    private static double? Distance(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('|');
        return parts.Length <= 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            && GeoDistance.ToKilometres(value, parts.Length == 2 ? parts[1] : null) is { } km
            ? Math.Min(km, MatchSearchValues.MaxDistanceKm)
            : throw FhirException.BadRequest($"$match: distance must be a number with an optional unit (50, 50|km, 30|[mi_i]), not '{SummaryFilter.Shorten(text)}'.");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
