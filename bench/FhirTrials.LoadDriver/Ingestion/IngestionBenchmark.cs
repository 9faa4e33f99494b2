using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Ingestion;

// Placeholder of the integration skeleton: the helper that owns this benchmark replaces the whole file.
internal static class IngestionBenchmark
{
    public static Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken) =>
        throw new NotImplementedException("IngestionBenchmark is not written yet.");
}
