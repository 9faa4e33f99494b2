using System.Diagnostics;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// The process' working set and managed heap sampled every 50 ms while a phase runs: the peak of the ingestion
/// itself, not of generating the archive before it.
/// </summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _workingSet;
    private long _heap;

    private PeakMemory() => _sampling = SampleAsync();

    public long PeakWorkingSetBytes => Interlocked.Read(ref _workingSet);

    public long PeakHeapBytes => Interlocked.Read(ref _heap);

    public static PeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new PeakMemory();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        Sample();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _workingSet, process.WorkingSet64);
        Max(ref _heap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }
}
