using System.Globalization;
using System.Text.RegularExpressions;
using FhirTrials.Core.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>Reads an outcome time frame as one Duration when it names exactly one amount of time.</summary>
internal static partial class TimeFrames
{
    public static Duration? ToDuration(string timeFrame)
    {
        var matches = Amount().Matches(timeFrame);
        if (matches.Count != 1)
        {
            return null;
        }

        var match = matches[0];
        var number = match.Groups["n1"].Success ? match.Groups["n1"].Value : match.Groups["n2"].Value;
        var unitWord = (match.Groups["u1"].Success ? match.Groups["u1"].Value : match.Groups["u2"].Value).ToLowerInvariant();
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var unit = unitWord switch
        {
            "year" => Records.AgeUnit.Years,
            "month" => Records.AgeUnit.Months,
            "week" => Records.AgeUnit.Weeks,
            "day" => Records.AgeUnit.Days,
            "hour" => Records.AgeUnit.Hours,
            _ => Records.AgeUnit.Minutes,
        };
        var (code, display) = UcumAgeUnits.For(unit);
        return new Duration { Value = value, Unit = display, System = CodeSystems.Ucum, Code = code };
    }

    // "12 months", "6-month", or "Week 52" / "Day 28".
    [GeneratedRegex(@"\b(?:(?<n1>\d+(?:\.\d+)?)[\s-]*(?<u1>year|month|week|day|hour|minute)s?\b|(?<u2>year|month|week|day|hour|minute)\s*(?<n2>\d+(?:\.\d+)?)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Amount();
}
