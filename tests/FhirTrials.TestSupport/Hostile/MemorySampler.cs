namespace FhirTrials.TestSupport.Hostile;

/// <summary>
/// Samples this process' memory on its own thread while a case runs: the live managed heap (after a full
/// collection, so garbage not yet collected does not count) and the working set (what the OS sees, native buffers
/// included). Use it in a collection with parallelization disabled, else other tests' allocations count too.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private volatile bool _stopping;

    private MemorySampler(TimeSpan interval)
    {
        _interval = interval;
        BaselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        BaselineWorkingSet = Environment.WorkingSet;
        PeakHeap = BaselineHeap;
        PeakWorkingSet = BaselineWorkingSet;
        _thread = new Thread(Run) { IsBackground = true, Name = nameof(MemorySampler) };
        _thread.Start();
    }

    public long BaselineHeap { get; }

    public long BaselineWorkingSet { get; }

    public long PeakHeap { get; private set; }

    public long PeakWorkingSet { get; private set; }

    public long HeapGrowth => PeakHeap - BaselineHeap;

    public long WorkingSetGrowth => PeakWorkingSet - BaselineWorkingSet;

    public int Samples { get; private set; }

    public static MemorySampler Start(TimeSpan? interval = null) => new(interval ?? TimeSpan.FromMilliseconds(200));

    /// <summary>Stops sampling after one last sample; the peaks are final afterwards.</summary>
    public void Stop()
    {
        _stopping = true;
        _thread.Join();
    }

    public void Dispose() => Stop();

    public string Describe() =>
        $"live heap +{HeapGrowth / (1024 * 1024)} MB (peak {PeakHeap / (1024 * 1024)} MB), working set +{WorkingSetGrowth / (1024 * 1024)} MB " +
        $"(peak {PeakWorkingSet / (1024 * 1024)} MB), {Samples} samples";

    private void Run()
    {
        while (true)
        {
            var last = _stopping;
            PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: true));
            PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
            Samples++;
            if (last)
            {
                return;
            }

            Thread.Sleep(_interval);
        }
    }
}
