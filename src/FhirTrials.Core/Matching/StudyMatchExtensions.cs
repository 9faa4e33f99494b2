using System.Globalization;
using FhirTrials.Core.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Matching;

/// <summary>
/// Facts a matcher needs about a study, copied onto the ResearchStudy so one read of the study (and its index rows)
/// answers "could this patient join?": the eligibility Group's age range, sex and healthy-volunteer answer, the MeSH
/// ancestors of its conditions (CT.gov v2 <c>derivedSection</c>), and per site (on the <c>ResearchStudy.site</c>
/// reference) a position with its precision. The Group and the Locations stay the full record.
/// </summary>
public static class StudyMatchExtensions
{
    public const string Base = CodeSystems.ProductBase + "/StructureDefinition/";
    public const string EligibleAgeUrl = Base + "eligible-age";
    public const string EligibleSexUrl = Base + "eligible-sex";
    public const string HealthyVolunteersUrl = Base + "accepts-healthy-volunteers";
    public const string MeshAncestorUrl = Base + "condition-mesh-ancestor";
    public const string SitePositionUrl = Base + "site-position";

    /// <summary>Precision of a site position: the record's own coordinates, or the centre of its city.</summary>
    public const string PrecisionSite = "site";
    public const string PrecisionCity = "city";

    public static Extension SitePosition(GeoPoint position, string precision, string? place)
    {
        ArgumentNullException.ThrowIfNull(position);
        var extension = new Extension { Url = SitePositionUrl };
        extension.Extension.Add(new Extension("latitude", new FhirDecimal(Round(position.Latitude))));
        extension.Extension.Add(new Extension("longitude", new FhirDecimal(Round(position.Longitude))));
        extension.Extension.Add(new Extension("precision", new Code(precision)));
        if (!string.IsNullOrWhiteSpace(place))
        {
            extension.Extension.Add(new Extension("place", new FhirString(place)));
        }

        return extension;
    }

    /// <summary>The position written by <see cref="SitePosition"/> on a site reference, if any.</summary>
    public static (GeoPoint Position, string Precision, string? Place)? ReadSitePosition(ResourceReference site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.GetExtension(SitePositionUrl) is not { } extension
            || extension.GetExtensionValue<FhirDecimal>("latitude")?.Value is not { } latitude
            || extension.GetExtensionValue<FhirDecimal>("longitude")?.Value is not { } longitude
            || !GeoPoint.IsValid((double)latitude, (double)longitude))
        {
            return null;
        }

        return (new GeoPoint((double)latitude, (double)longitude),
            extension.GetExtensionValue<Code>("precision")?.Value ?? PrecisionSite,
            extension.GetExtensionValue<FhirString>("place")?.Value);
    }

    /// <summary>Age range in years ([0, +inf) for a study without an age limit).</summary>
    public static (double? Minimum, double? Maximum) EligibleAge(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.GetExtensionValue<Hl7.Fhir.Model.Range>(EligibleAgeUrl) is { } range ? (Years(range.Low), Years(range.High)) : (null, null);
    }

    /// <summary>"female" or "male" when the study enrols one sex only; null when it enrols all.</summary>
    public static string? EligibleSex(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.GetExtensionValue<Code>(EligibleSexUrl)?.Value;
    }

    public static bool? AcceptsHealthyVolunteers(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.GetExtensionValue<FhirBoolean>(HealthyVolunteersUrl)?.Value;
    }

    public static IEnumerable<Coding> MeshAncestors(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return study.GetExtensions(MeshAncestorUrl).Select(e => e.Value).OfType<Coding>();
    }

    /// <summary>A UCUM age quantity in years (mean year 365.25 d, month = year / 12); null when absent or not an age unit.</summary>
    public static double? Years(Quantity? quantity)
    {
        if (quantity?.Value is not { } value)
        {
            return null;
        }

        double? perYear = quantity.Code switch
        {
            "a" => 1,
            "mo" => 12,
            "wk" => 365.25 / 7,
            "d" => 365.25,
            "h" => 8766,
            "min" => 525_960,
            _ => null,
        };
        return perYear is { } divisor ? (double)value / divisor : null;
    }

    /// <summary>A number of years as written in reasons: "65", "0.5".</summary>
    public static string FormatYears(double years) => Math.Round(years, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static decimal Round(double degrees) => Math.Round((decimal)degrees, 5);
}
