namespace FhirTrials.Api.Http;

public enum WireFormat
{
    Json,
    Xml,
}
