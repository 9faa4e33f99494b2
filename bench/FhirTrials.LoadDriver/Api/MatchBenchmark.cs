using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// Issue 17: <c>ResearchStudy/$match</c> latency over the stored studies (10,000 by default) next to the search that
/// answers the same age-and-condition question (<c>eligible-age</c> + <c>condition</c> + open status), over real HTTP
/// against the Server host, with 1 and 8 clients. $match also reads and judges every candidate study and explains
/// each criterion, so it is expected to cost more than the search: the ratio says how much.
/// </summary>
internal static class MatchBenchmark
{
    public static async Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(azurite);
        var table = new FigureTable(
            $"$match next to search over HTTP, {options.Studies:N0} studies, {options.Requests:N0} requests per operation and side (issue 17)");
        BulkStudyLoader.AlsoIndex(["status", "eligible-age", "eligible-sex", "condition-word", "condition-ancestor"]);
        await using var studies = await ServedStudies.StartAsync(azurite, bulk: options.BulkPopulate ?? true, cancellationToken);
        var populate = await studies.GrowToAsync(options.Studies, cancellationToken);
        table.Add($"populate, {(studies.Bulk ? "bulk rows" : "real write path")}, ResearchStudy only (information)", populate.TotalSeconds, "s");

        // Both must find the same studies, or the comparison means nothing.
        var code = StudyGenerator.ConditionCode(0);
        var matched = await studies.CountEntriesAsync(ServedStudies.MatchPath(code), cancellationToken);
        var searched = await studies.CountEntriesAsync(ServedStudies.SearchPath(code), cancellationToken);
        table.Add("studies found for one condition group: $match (information)", matched, "studies");
        table.Add("studies found for one condition group: search (information)", searched, "studies");
        if (matched != searched || matched == 0)
        {
            throw new InvalidOperationException($"$match found {matched} studies and the search {searched} for {code}: they must agree and find some.");
        }

        foreach (var clients in options.Clients.Where(c => c <= 8))
        {
            foreach (var operation in new[] { studies.MatchByCode, studies.MatchByText })
            {
                Console.WriteLine($"  {operation.Name}, {clients} client(s)");
                var measured = await LoadRunner.MeasureAsync(operation, clients, options.Requests, cancellationToken);
                var label = $"{operation.Name}, {clients} client{(clients == 1 ? "" : "s")}";
                table.Add($"{label}: p50 $match", measured.Ours.P50, "ms");
                table.Add($"{label}: p50 search", measured.Baseline.P50, "ms");
                table.Add($"{label}: p50 ratio $match/search", measured.Ours.P50 / measured.Baseline.P50, "x");
                table.Add($"{label}: p99 $match", measured.Ours.P99, "ms");
                table.Add($"{label}: p99 search", measured.Baseline.P99, "ms");
                table.AddAtMost($"{label}: errors $match", measured.Ours.Errors, $"of {measured.Ours.Count + measured.Ours.Errors}", 0);
                table.AddAtMost($"{label}: errors search", measured.Baseline.Errors, $"of {measured.Baseline.Count + measured.Baseline.Errors}", 0);
            }
        }

        return table;
    }
}
