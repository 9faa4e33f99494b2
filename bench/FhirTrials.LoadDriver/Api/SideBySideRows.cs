using FhirTrials.LoadDriver.Reporting;

namespace FhirTrials.LoadDriver.Api;

/// <summary>The rows of one measured operation: each figure ours and baseline, their ratio, and the targets.</summary>
internal static class SideBySideRows
{
    public const double P50RatioTarget = 1.3;

    public static void Add(FigureTable table, string label, SideBySide measured, bool throughput = true)
    {
        var (ours, baseline) = (measured.Ours, measured.Baseline);
        table.Add($"{label}: p50 ours", ours.P50, "ms");
        table.Add($"{label}: p50 baseline", baseline.P50, "ms");
        table.AddAtMost($"{label}: p50 ratio ours/baseline", ours.P50 / baseline.P50, "x", P50RatioTarget);
        table.Add($"{label}: p99 ours", ours.P99, "ms");
        table.Add($"{label}: p99 baseline", baseline.P99, "ms");
        table.Add($"{label}: p99 ratio ours/baseline", ours.P99 / baseline.P99, "x");
        if (throughput)
        {
            table.Add($"{label}: throughput ours", ours.PerSecond, "req/s");
            table.Add($"{label}: throughput baseline", baseline.PerSecond, "req/s");
        }

        table.AddAtMost($"{label}: errors ours", ours.Errors, $"of {ours.Count + ours.Errors}", 0);
        table.Add($"{label}: errors baseline", baseline.Errors, $"of {baseline.Count + baseline.Errors}");
    }
}
