namespace FhirTrials.Core.Reading.Html;

/// <summary>The visible text of a page, one block per line, or why the page was not read.</summary>
public sealed record ReducedHtml(string Text, string? RefusalReason)
{
    public bool IsRefused => RefusalReason is not null;
}
