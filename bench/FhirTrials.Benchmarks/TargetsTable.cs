using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace FhirTrials.Benchmarks;

/// <summary>
/// Issue 8's figures for the reader and mapper, one row per input, taken from the reports of the run just made:
/// documents per second and allocated bytes per document of read + map, the serialize + parse baseline, their ratio,
/// and whether the targets are met. A missed target is printed, never turned into a failure.
/// </summary>
public static class TargetsTable
{
    public const double MaxRatio = 2.0;
    public const double MinDocumentsPerSecond = 1000;

    private static readonly string[] Header =
        ["format", "docs/s (read+map)", "bytes/doc", "serialize+parse µs", "ratio", "target ratio", "target docs/s", "met?"];

    public static string Render(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = new List<string[]>();
        foreach (var input in BenchmarkInputs.All)
        {
            var ours = Find(summary, input.Name, ReaderMapperBenchmarks.ReadAndMapName);
            var baseline = Find(summary, input.Name, ReaderMapperBenchmarks.SerializeAndParseName);
            if (ours is null && baseline is null)
            {
                continue; // left out by --filter
            }

            rows.Add(Row(input.Name, ours, baseline));
        }

        var text = new StringBuilder().AppendLine().AppendLine("## Reader + mapper against Firely serialize + parse").AppendLine();
        var widths = Header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        Line(text, Header, widths);
        Line(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in rows)
        {
            Line(text, row, widths);
        }

        return text.AppendLine()
            .AppendLine("docs/s = 1 s / mean time of read+map for one document; bytes/doc = bytes allocated by read+map for one document;")
            .AppendLine("ratio = mean(read+map) / mean(serialize+parse) of the Bundle read+map produced; n/a = the benchmark failed or was filtered out.")
            .ToString();
    }

    private static string[] Row(string name, BenchmarkReport? ours, BenchmarkReport? baseline)
    {
        var oursNs = ours?.ResultStatistics?.Mean;
        var baselineNs = baseline?.ResultStatistics?.Mean;
        double? docsPerSecond = oursNs > 0 ? 1e9 / oursNs : null;
        var bytes = ours?.GcStats.GetBytesAllocatedPerOperation(ours.BenchmarkCase);
        double? ratio = oursNs is not null && baselineNs > 0 ? oursNs / baselineNs : null;
        return
        [
            name,
            Number(docsPerSecond, "#,0"),
            Number(bytes, "#,0"),
            Number(baselineNs / 1000, "#,0.0"),
            Number(ratio, "0.00"),
            "<= " + MaxRatio.ToString("0.0", CultureInfo.InvariantCulture),
            ">= " + MinDocumentsPerSecond.ToString("#,0", CultureInfo.InvariantCulture),
            Verdict(ratio, docsPerSecond),
        ];
    }

    private static string Verdict(double? ratio, double? docsPerSecond)
    {
        if (ratio is null || docsPerSecond is null)
        {
            return "n/a"; // one side failed or was filtered out: no figure, no verdict
        }

        var missed = new List<string>();
        if (ratio > MaxRatio)
        {
            missed.Add("ratio");
        }

        if (docsPerSecond < MinDocumentsPerSecond)
        {
            missed.Add("docs/s");
        }

        return missed.Count == 0 ? "yes" : "MISSED " + string.Join(", ", missed);
    }

    private static BenchmarkReport? Find(Summary summary, string input, string benchmark) =>
        summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo == benchmark
            && Equals(r.BenchmarkCase.Parameters[nameof(ReaderMapperBenchmarks.Input)], input));

    private static string Number(double? value, string format) =>
        value is null ? "n/a" : value.Value.ToString(format, CultureInfo.InvariantCulture);

    private static string Number(long? value, string format) =>
        value is null ? "n/a" : value.Value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).AppendLine(" |");
}
