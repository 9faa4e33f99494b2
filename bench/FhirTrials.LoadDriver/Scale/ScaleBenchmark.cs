using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Scale;

// Placeholder of the integration skeleton: the helper that owns this benchmark replaces the whole file.
internal static class ScaleBenchmark
{
    public static Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ScaleBenchmark is not written yet.");
}
