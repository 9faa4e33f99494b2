using System.Globalization;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Trial dates -> the study period and the R5 progress states that keep "actual" versus "estimated".
/// </summary>
/// <remarks>
/// R4 Period has no place for "estimated", so <c>period</c> holds start..completion at the source's precision and the
/// kind of each date is carried by R5 <c>progressStatus</c> entries (the R5 element made for it): the start date as
/// state <c>active</c> (opened for accrual) and the completion date as state <c>completed</c>, each with
/// <c>actual</c> = true for actual dates, false for estimated ones, absent when the source does not say. When the
/// completion date precedes the start (bad data), the period keeps only the start, so per-1 holds.
/// </remarks>
internal static class StudyDates
{
    public static Period? Period(TrialDates dates)
    {
        var start = Valid(dates.Start);
        var end = Valid(dates.Completion);
        if (start is null && end is null)
        {
            return null;
        }

        if (start is not null && end is not null && Latest(end) < Earliest(start))
        {
            end = null;
        }

        return new Period { Start = start?.ToString(), End = end?.ToString() };
    }

    public static IEnumerable<Extension> ProgressStates(TrialDates dates)
    {
        if (Valid(dates.Start) is { } start)
        {
            yield return R5Extensions.ProgressStatus(State("active", "Active"), Actual(start), new Period { Start = start.ToString() });
        }

        if (Valid(dates.Completion) is { } completion)
        {
            yield return R5Extensions.ProgressStatus(State("completed", "Completed"), Actual(completion), new Period { Start = completion.ToString() });
        }
    }

    /// <summary>"2024-03 (actual)" for narratives and notes.</summary>
    public static string? Describe(TrialDate? date) => date is null
        ? null
        : date.Kind == DateKind.Unspecified
            ? date.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{date} ({date.Kind.ToString().ToLowerInvariant()})");

    public static CodeableConcept State(string code, string display, string? text = null) =>
        new(Terminology.CodeSystems.ResearchStudyStatus, code, display, text ?? display);

    /// <summary>The date when it is a real calendar date (readers should never pass 2024-02-31, but a bad one must
    /// not make the output invalid FHIR).</summary>
    public static TrialDate? Valid(TrialDate? date) =>
        date is { Year: >= 1 and <= 9999 }
        && (date.Month is null || date.Month is >= 1 and <= 12)
        && (date.Day is null || (date.Month is { } month && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, month)))
            ? date
            : null;

    private static bool? Actual(TrialDate date) => date.Kind switch
    {
        DateKind.Actual => true,
        DateKind.Estimated => false,
        _ => null,
    };

    private static DateOnly Earliest(TrialDate date) => new(date.Year, date.Month ?? 1, date.Day ?? 1);

    private static DateOnly Latest(TrialDate date)
    {
        var month = date.Month ?? 12;
        return new DateOnly(date.Year, month, date.Day ?? DateTime.DaysInMonth(date.Year, month));
    }
}
