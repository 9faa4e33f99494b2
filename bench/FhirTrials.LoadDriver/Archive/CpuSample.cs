using System.Diagnostics;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// CPU time of this process and of Azurite at one moment. On this 2-core machine both share the cores, so where a side's
/// CPU goes (our reading, mapping and serialising, or Azurite's work on its requests) explains its wall time.
/// </summary>
internal readonly record struct CpuSample(TimeSpan Driver, TimeSpan Azurite)
{
    public static CpuSample Take(int? azuritePid)
    {
        using var self = Process.GetCurrentProcess();
        var azurite = TimeSpan.Zero;
        if (azuritePid is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                azurite = process.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                // Azurite has exited: the run fails on its next request anyway; this figure is then meaningless.
            }
        }

        return new CpuSample(self.TotalProcessorTime, azurite);
    }

    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Driver - b.Driver, a.Azurite - b.Azurite);
}
