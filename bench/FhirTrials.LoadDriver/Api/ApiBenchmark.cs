using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// Issue 8 item 3: read and selective search of ResearchStudy over real HTTP against the Server host, with 1, 8 and
/// 32 concurrent clients, each next to the bare Table SDK answering the same question at the same concurrency.
/// </summary>
internal static class ApiBenchmark
{
    public static async Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(azurite);
        var table = new FigureTable(
            $"API over HTTP, {options.Studies:N0} studies, {options.Requests:N0} requests per operation, clients and side (issue 8 item 3)");
        await using var studies = await ServedStudies.StartAsync(azurite, bulk: options.BulkPopulate ?? false, cancellationToken);
        var populate = await studies.GrowToAsync(options.Studies, cancellationToken);
        table.Add($"populate, {(studies.Bulk ? "bulk rows" : "real write path")}, ResearchStudy only (information)", populate.TotalSeconds, "s");
        table.Add("populate rate (information)", options.Studies / populate.TotalSeconds, "studies/s");

        MeasuredOperation[] operations = [studies.Read, studies.SearchIdentifier, studies.SearchCondition];
        foreach (var operation in operations)
        {
            var (ours, baseline) = await studies.StorageRequestsAsync(operation, cancellationToken);
            table.Add($"{operation.Name}: storage requests per request, ours", ours, "requests");
            table.Add($"{operation.Name}: storage requests per request, baseline", baseline, "requests");
        }

        foreach (var clients in options.Clients)
        {
            foreach (var operation in operations)
            {
                Console.WriteLine($"  {operation.Name}, {clients} client(s)");
                var measured = await LoadRunner.MeasureAsync(operation, clients, options.Requests, cancellationToken);
                SideBySideRows.Add(table, $"{operation.Name}, {clients} client{(clients == 1 ? "" : "s")}", measured);
            }
        }

        return table;
    }
}
