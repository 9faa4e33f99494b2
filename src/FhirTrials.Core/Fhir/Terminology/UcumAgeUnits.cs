using FhirTrials.Core.Records;

namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>Age units as UCUM codes (the units FHIR's Age type requires), and a common scale to compare ages.</summary>
public static class UcumAgeUnits
{
    public static (string Code, string Display) For(AgeUnit unit) => unit switch
    {
        AgeUnit.Years => ("a", "years"),
        AgeUnit.Months => ("mo", "months"),
        AgeUnit.Weeks => ("wk", "weeks"),
        AgeUnit.Days => ("d", "days"),
        AgeUnit.Hours => ("h", "hours"),
        AgeUnit.Minutes => ("min", "minutes"),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Age unit without a UCUM code"),
    };

    /// <summary>The age in minutes, using UCUM's mean year (365.25 d) and month (year / 12).</summary>
    public static decimal InMinutes(Age age) => age.Value * age.Unit switch
    {
        AgeUnit.Years => 525_960m,
        AgeUnit.Months => 43_830m,
        AgeUnit.Weeks => 10_080m,
        AgeUnit.Days => 1_440m,
        AgeUnit.Hours => 60m,
        _ => 1m,
    };
}
