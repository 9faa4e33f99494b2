namespace FhirTrials.Core.Records;

public sealed class TrialDates
{
    public TrialDate? Start { get; set; }
    public TrialDate? PrimaryCompletion { get; set; }
    public TrialDate? Completion { get; set; }
    public TrialDate? FirstSubmitted { get; set; }
    public TrialDate? FirstPosted { get; set; }
    public TrialDate? LastUpdatePosted { get; set; }
    public TrialDate? LastVerified { get; set; }
}

/// <summary>A date as precise as the source gives it (year, year-month or full date), and whether it is actual or estimated.</summary>
public sealed record TrialDate(int Year, int? Month = null, int? Day = null, DateKind Kind = DateKind.Unspecified)
{
    /// <summary>The FHIR/ISO form at the source's precision: <c>2023</c>, <c>2023-10</c> or <c>2023-10-05</c>.</summary>
    public override string ToString() => Month is null
        ? $"{Year:D4}"
        : Day is null ? $"{Year:D4}-{Month:D2}" : $"{Year:D4}-{Month:D2}-{Day:D2}";
}

public enum DateKind
{
    Unspecified,
    Actual,
    Estimated,
}
