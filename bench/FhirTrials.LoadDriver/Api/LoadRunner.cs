using System.Diagnostics;
using FhirTrials.LoadDriver.Reporting;

namespace FhirTrials.LoadDriver.Api;

/// <summary>One question asked both ways: <paramref name="Pick"/> draws a random input (an id, an NCT number, a code).</summary>
internal sealed record MeasuredOperation(
    string Name,
    Func<string> Pick,
    Func<string, CancellationToken, Task<bool>> Ours,
    Func<string, CancellationToken, Task<bool>> Baseline);

/// <summary>What one operation at one concurrency measured on each side.</summary>
internal sealed record SideBySide(Latencies Ours, Latencies Baseline);

/// <summary>
/// Runs a fixed number of requests with a fixed number of concurrent callers, ours and the baseline in alternating
/// rounds (so drift in a noisy machine weighs on both), after a warm-up of both.
/// </summary>
internal static class LoadRunner
{
    private const int Rounds = 4;

    public static async Task<SideBySide> MeasureAsync(MeasuredOperation operation, int clients, int requests, CancellationToken cancellationToken)
    {
        var warmup = Math.Max(clients * 4, requests / 10);
        await RunAsync(operation.Pick, operation.Ours, clients, warmup, new Latencies(), cancellationToken);
        await RunAsync(operation.Pick, operation.Baseline, clients, warmup, new Latencies(), cancellationToken);

        var result = new SideBySide(new Latencies(), new Latencies());
        var perRound = Math.Max(1, requests / Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            var oursFirst = round % 2 == 0;
            await RunAsync(operation.Pick, oursFirst ? operation.Ours : operation.Baseline, clients, perRound, oursFirst ? result.Ours : result.Baseline, cancellationToken);
            await RunAsync(operation.Pick, oursFirst ? operation.Baseline : operation.Ours, clients, perRound, oursFirst ? result.Baseline : result.Ours, cancellationToken);
        }

        return result;
    }

    /// <summary><paramref name="requests"/> calls shared by <paramref name="clients"/> callers; latencies and wall time added to <paramref name="into"/>.</summary>
    public static async Task RunAsync(
        Func<string> pick, Func<string, CancellationToken, Task<bool>> call, int clients, int requests, Latencies into, CancellationToken cancellationToken)
    {
        var next = 0;
        var watch = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                var input = pick();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await call(input, cancellationToken))
                    {
                        into.Add(Stopwatch.GetElapsedTime(started));
                    }
                    else
                    {
                        into.AddError();
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // Any failure of a request under load is counted and reported, not fatal.
                catch (Exception)
#pragma warning restore CA1031
                {
                    into.AddError();
                }
            }
        }, cancellationToken));
        await Task.WhenAll(callers);
        into.Elapsed += watch.Elapsed;
    }
}
