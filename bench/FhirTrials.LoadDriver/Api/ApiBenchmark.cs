using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Api;

// Placeholder of the integration skeleton: the helper that owns this benchmark replaces the whole file.
internal static class ApiBenchmark
{
    public static Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken) =>
        throw new NotImplementedException("ApiBenchmark is not written yet.");
}
