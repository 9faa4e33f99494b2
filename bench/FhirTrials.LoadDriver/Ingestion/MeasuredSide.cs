using System.Diagnostics;
using FhirTrials.LoadDriver.Reporting;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// What one side (ours or the baseline) did over its measured rounds: per-document latencies and wall time, storage
/// requests and bytes, CPU of this process and of Azurite.
/// </summary>
internal sealed class MeasuredSide(StorageTraffic traffic, int concurrency, int azuritePid)
{
    public Latencies Latencies { get; } = new();
    public TimeSpan ProcessCpu { get; private set; }
    public TimeSpan AzuriteCpu { get; private set; }
    public long Requests { get; private set; }
    public long RequestBytes { get; private set; }
    public long ResponseBytes { get; private set; }

    /// <summary>Runs <paramref name="body"/> over the items, <c>concurrency</c> at a time; adds to the figures when <paramref name="measured"/>.</summary>
    /// <param name="body">Processes one item; false counts it as an error.</param>
    public async Task RunAsync<T>(IReadOnlyList<T> items, bool measured, Func<T, CancellationToken, Task<bool>> body, CancellationToken cancellationToken)
    {
        // The other side's garbage is collected before this side's clock starts, not during it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (requests, requestBytes, responseBytes) = (traffic.Requests, traffic.RequestBytes, traffic.ResponseBytes);
        var (cpu, azurite) = (Cpu(Environment.ProcessId), Cpu(azuritePid));
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await body(item, ct).ConfigureAwait(false);
            if (measured)
            {
                Latencies.Add(Stopwatch.GetElapsedTime(started));
                if (!ok)
                {
                    Latencies.AddError();
                }
            }
        }).ConfigureAwait(false);
        if (!measured)
        {
            return;
        }

        Latencies.Elapsed += wall.Elapsed;
        ProcessCpu += Cpu(Environment.ProcessId) - cpu;
        AzuriteCpu += Cpu(azuritePid) - azurite;
        Requests += traffic.Requests - requests;
        RequestBytes += traffic.RequestBytes - requestBytes;
        ResponseBytes += traffic.ResponseBytes - responseBytes;
    }

    private static TimeSpan Cpu(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
