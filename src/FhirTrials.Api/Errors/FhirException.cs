using Hl7.Fhir.Model;

namespace FhirTrials.Api.Errors;

/// <summary>A request the engine answers with an OperationOutcome and this HTTP status (never a 500).</summary>
public sealed class FhirException : Exception
{
    public FhirException()
        : this(500, OperationOutcome.IssueType.Exception, "Unexpected error.")
    {
    }

    public FhirException(string message)
        : this(400, OperationOutcome.IssueType.Invalid, message)
    {
    }

    public FhirException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        IssueType = OperationOutcome.IssueType.Invalid;
    }

    public FhirException(int status, OperationOutcome.IssueType issueType, string message)
        : base(message)
    {
        Status = status;
        IssueType = issueType;
    }

    public int Status { get; }

    public OperationOutcome.IssueType IssueType { get; }

    public static FhirException BadRequest(string message) => new(400, OperationOutcome.IssueType.Invalid, message);

    public static FhirException NotFound(string message) => new(404, OperationOutcome.IssueType.NotFound, message);

    public static FhirException NotSupported(string message) => new(400, OperationOutcome.IssueType.NotSupported, message);
}
