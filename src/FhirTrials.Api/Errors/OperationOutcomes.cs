using Hl7.Fhir.Model;

namespace FhirTrials.Api.Errors;

/// <summary>OperationOutcome resources for errors and for the warnings a search reports in its Bundle.</summary>
public static class OperationOutcomes
{
    public static OperationOutcome Error(OperationOutcome.IssueType type, string diagnostics) =>
        Of(OperationOutcome.IssueSeverity.Error, type, diagnostics);

    public static OperationOutcome Warnings(IEnumerable<string> warnings)
    {
        var outcome = new OperationOutcome();
        foreach (var warning in warnings)
        {
            outcome.Issue.Add(Issue(OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.NotSupported, warning));
        }

        return outcome;
    }

    private static OperationOutcome Of(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, string diagnostics)
    {
        var outcome = new OperationOutcome();
        outcome.Issue.Add(Issue(severity, type, diagnostics));
        return outcome;
    }

    private static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, string diagnostics) =>
        new() { Severity = severity, Code = type, Diagnostics = diagnostics };
}
