using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace FhirTrials.Benchmarks;

public static class BenchmarkConfig
{
    /// <summary>
    /// Full: BenchmarkDotNet's default job (a separate process per benchmark, built from a generated project), with the
    /// iteration count capped so a noisy shared machine cannot stretch one benchmark to 100 iterations.
    /// Quick: a short run inside this process, so no project is generated or built; for trying things, not for figures.
    /// </summary>
    public static IConfig Create(bool quick)
    {
        var job = quick
            ? Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("quick")
            : Job.Default.WithMaxIterationCount(30).WithId("full");
        return DefaultConfig.Instance
            .AddJob(job)
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond));
    }
}
