using System.Diagnostics;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// How long each phase of a run took (generating, uploading, ingesting, checking, the floor...), printed as each ends
/// with the driver's and Azurite's working set, so a long run shows where its time and memory go.
/// </summary>
internal sealed class PhaseTimes(int? azuritePid)
{
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];

    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases => _phases;

    /// <summary>Azurite's working set after the last phase (0 when its process is not known).</summary>
    public long AzuriteWorkingSetBytes { get; private set; }

    public async Task<T> RunAsync<T>(string phase, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var clock = Stopwatch.StartNew();
        var result = await work().ConfigureAwait(false);
        clock.Stop();
        _phases.Add((phase, clock.Elapsed));
        using var self = Process.GetCurrentProcess();
        AzuriteWorkingSetBytes = AzuriteWorkingSet();
        Console.WriteLine($"archive: {phase}: {clock.Elapsed.TotalSeconds:0.0} s (driver working set {self.WorkingSet64 / 1048576:N0} MiB, Azurite {AzuriteWorkingSetBytes / 1048576:N0} MiB)");
        return result;
    }

    public Task RunAsync(string phase, Func<Task> work) => RunAsync(phase, async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    private long AzuriteWorkingSet()
    {
        if (azuritePid is not { } pid)
        {
            return 0;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WorkingSet64;
        }
        catch (ArgumentException)
        {
            // Azurite has exited: the run fails on its next request anyway.
            return 0;
        }
    }
}
