using BenchmarkDotNet.Running;
using FhirTrials.Benchmarks;

// `--quick` is ours; every other argument (--filter, --list, --job, ...) goes to BenchmarkDotNet.
var quick = args.Contains("--quick", StringComparer.Ordinal);
var benchmarkArgs = args.Where(a => a != "--quick").ToArray();

var summary = BenchmarkRunner.Run<ReaderMapperBenchmarks>(BenchmarkConfig.Create(quick), benchmarkArgs);
if (summary.Reports.Length > 0)
{
    Console.WriteLine(TargetsTable.Render(summary));
    if (quick)
    {
        Console.WriteLine("(quick run: a short in-process job; figures for trying things, not for publishing)");
    }
}

// A missed target is information, not a failure: the exit code says only whether the run itself worked.
return summary.HasCriticalValidationErrors ? 1 : 0;
