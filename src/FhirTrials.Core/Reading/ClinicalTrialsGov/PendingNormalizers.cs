using System.Globalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

// TEMPORARY: minimal stand-ins until the reader-pages branch lands Reading/Normalization on main (DateNormalizer,
// age, status, phase and the generic API-enum helper). Replace every call with theirs then and delete this file;
// there must never be two normalisers.
internal static class PendingNormalizers
{
    /// <summary>API enum ("NOT_YET_RECRUITING") or registry words ("Not yet recruiting") onto our enum by letters only.</summary>
    public static bool TryEnum<T>(string? text, out T value)
        where T : struct, Enum
    {
        text ??= string.Empty;
        var letters = new string([.. text.Where(char.IsLetterOrDigit)]);
        if (letters.Length > 0 && !char.IsDigit(letters[0]) && Enum.TryParse(letters, ignoreCase: true, out value) && Enum.IsDefined(value))
        {
            return true;
        }

        if (typeof(T) == typeof(TrialPhase) || typeof(T) == typeof(Allocation))
        {
            if (letters.Equals("NA", StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>("NotApplicable");
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"Parallel Assignment", PARALLEL.</summary>
    public static bool TryInterventionModel(string? text, out InterventionModel model) =>
        TryEnum(text?.Replace(" Assignment", string.Empty, StringComparison.OrdinalIgnoreCase), out model);

    /// <summary>ISO dates at any precision (2023, 2023-10, 2023-10-05) and month-name dates ("January 2019", "March 15, 2020").</summary>
    public static TrialDate? ParseDate(string text, DateKind kind)
    {
        var parts = text.Trim().Split('-');
        if (parts.Length <= 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) && parts[0].Length == 4)
        {
            var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
            int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
            int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
            var valid = month is null or (>= 1 and <= 12) && (day is null || (month is not null && day >= 1 && day <= DateTime.DaysInMonth(year, month.Value)));
            return valid && year is >= 1900 and <= 2200 ? new TrialDate(year, month, day, kind) : null;
        }

        string[] withDay = ["MMMM d, yyyy", "MMM d, yyyy", "MMMM d yyyy", "MMM d yyyy"];
        if (DateTime.TryParseExact(text.Trim(), withDay, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var full))
        {
            return new TrialDate(full.Year, full.Month, full.Day, kind);
        }

        return DateTime.TryParseExact(text.Trim(), ["MMMM yyyy", "MMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var monthOnly)
            ? new TrialDate(monthOnly.Year, monthOnly.Month, null, kind)
            : null;
    }

    /// <summary>"18 Years", "6 Months", "N/A" (null).</summary>
    public static Age? ParseAge(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var unit = parts[1].TrimEnd('s', 'S');
        return TryEnum<AgeUnit>(unit + "s", out var ageUnit) ? new Age(value, ageUnit) : null;
    }

    /// <summary>"PHASE1", "Phase 1/Phase 2", "Early Phase 1", "N/A".</summary>
    public static IReadOnlyList<TrialPhase>? ParsePhases(string text)
    {
        var phases = new List<TrialPhase>();
        foreach (var part in text.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("N", StringComparison.OrdinalIgnoreCase) || part.Equals("A", StringComparison.OrdinalIgnoreCase))
            {
                phases.Add(TrialPhase.NotApplicable);
                return phases;
            }

            if (!TryEnum<TrialPhase>(part, out var phase))
            {
                return null;
            }

            phases.Add(phase);
        }

        return phases;
    }
}
