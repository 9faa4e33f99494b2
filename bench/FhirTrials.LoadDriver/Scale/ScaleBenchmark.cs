using FhirTrials.LoadDriver.Api;
using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Scale;

/// <summary>
/// Issue 8 item 4: read and selective search latency (1 client, over HTTP, next to the bare Table SDK) as the store
/// grows through the scale sizes, so it shows whether a request's cost grows with the number of studies stored.
/// </summary>
internal static class ScaleBenchmark
{
    public const double GrowthTarget = 1.5;

    public static async Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(azurite);
        var sizes = options.ScaleSizes.Order().ToList();
        var table = new FigureTable(
            $"Scale: {string.Join(" / ", sizes.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} studies, 1 client, {options.Requests:N0} requests per operation and side (issue 8 item 4)");
        await using var studies = await ServedStudies.StartAsync(azurite, bulk: options.BulkPopulate ?? true, cancellationToken);
        var searches = new List<SideBySide>();
        var reads = new List<SideBySide>();
        foreach (var size in sizes)
        {
            var populate = await studies.GrowToAsync(size, cancellationToken);
            table.Add($"{size:N0} studies: populate step, {(studies.Bulk ? "bulk rows" : "real write path")} (information)", populate.TotalSeconds, "s");
            Console.WriteLine($"  {size:N0} studies stored; measuring");
            var read = await LoadRunner.MeasureAsync(studies.Read, 1, options.Requests, cancellationToken);
            var search = await LoadRunner.MeasureAsync(studies.SearchCondition, 1, options.Requests, cancellationToken);
            SideBySideRows.Add(table, $"{size:N0} studies, read", read, throughput: false);
            SideBySideRows.Add(table, $"{size:N0} studies, search condition", search, throughput: false);
            reads.Add(read);
            searches.Add(search);
        }

        var (smallest, largest) = (sizes[0].ToString("N0", System.Globalization.CultureInfo.InvariantCulture), sizes[^1].ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddAtMost($"search condition p50 at {largest} / at {smallest}, ours", searches[^1].Ours.P50 / searches[0].Ours.P50, "x", GrowthTarget);
        table.Add($"search condition p50 at {largest} / at {smallest}, baseline", searches[^1].Baseline.P50 / searches[0].Baseline.P50, "x");
        table.Add($"read p50 at {largest} / at {smallest}, ours", reads[^1].Ours.P50 / reads[0].Ours.P50, "x");
        table.Add($"read p50 at {largest} / at {smallest}, baseline", reads[^1].Baseline.P50 / reads[0].Baseline.P50, "x");
        return table;
    }
}
