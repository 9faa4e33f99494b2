using System.Runtime.InteropServices;
using FhirTrials.LoadDriver;
using FhirTrials.LoadDriver.Api;
using FhirTrials.LoadDriver.Archive;
using FhirTrials.LoadDriver.Ingestion;
using FhirTrials.LoadDriver.Reporting;
using FhirTrials.LoadDriver.Scale;
using FhirTrials.Storage.Emulator;

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

Console.WriteLine($"FhirTrials load driver{(options.Quick ? " (quick: small sizes, figures not for publishing)" : "")}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
// Azurite (started below, inheriting this environment) keeps everything in memory: the scale benchmark's 100,000
// studies need more than node's default heap. A NODE_OPTIONS already set wins (the 100,000-study archive run needs more).
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NODE_OPTIONS")))
{
    Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=12288");
}
foreach (var benchmark in options.Benchmarks)
{
    // Each benchmark gets its own Azurite so one's data and garbage never weigh on another's figures.
    await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancel.Token);
    FigureTable table = benchmark switch
    {
        "ingest" => await IngestionBenchmark.RunAsync(options, azurite, cancel.Token),
        "api" => await ApiBenchmark.RunAsync(options, azurite, cancel.Token),
        "archive" => (await ArchiveBenchmark.RunAsync(options, azurite.ConnectionString, cancel.Token, azurite.ProcessId)).Table,
        "export" => await FhirTrials.LoadDriver.Export.ExportBenchmark.RunAsync(options, azurite.ConnectionString, cancel.Token),
        "match" => await MatchBenchmark.RunAsync(options, azurite, cancel.Token),
        _ => await ScaleBenchmark.RunAsync(options, azurite, cancel.Token),
    };
    Console.WriteLine(table);
}

return 0;
