using FhirTrials.Storage;
using FhirTrials.Storage.Resources;

namespace FhirTrials.Api.Tests.Support;

/// <summary>
/// One running host of the FHIR API, whichever it is (the Server host on Kestrel, or the Functions app under the
/// test host), with its own tables, so one suite of HTTP tests runs against both.
/// </summary>
public interface IApiServer : IAsyncDisposable
{
    /// <summary>Where the host listens; the ops endpoints are under <c>api/</c>.</summary>
    Uri BaseAddress { get; }

    Uri FhirBase { get; }

    string IncomingContainer { get; }

    /// <summary>The storage the host reads, to seed data or ingest documents as the pipeline would.</summary>
    TrialStorage Storage();

    TableResourceStore ResourceStore();

    System.Threading.Tasks.Task SeedAsync(IEnumerable<Hl7.Fhir.Model.Resource> resources);
}
