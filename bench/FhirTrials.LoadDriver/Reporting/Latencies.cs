namespace FhirTrials.LoadDriver.Reporting;

/// <summary>Request latencies of one measured operation, and what was asked and answered in which wall time.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Errors { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public int Count => _milliseconds.Count;

    public double PerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    public void Add(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public void AddError()
    {
        lock (_milliseconds)
        {
            Errors++;
        }
    }

    public double Percentile(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            // Nearest rank: the smallest sample with at least this fraction of samples at or below it.
            var sorted = _milliseconds.Order().ToArray();
            var rank = (int)Math.Ceiling(fraction * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);
}
