using System.Diagnostics;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// Fills the store with generated studies through the real write path (<see cref="TableResourceStore.WriteAsync"/>:
/// claim, history row, index rows, commit), or with <paramref name="bulk"/> through <see cref="BulkStudyLoader"/>.
/// Only each trial's ResearchStudy is written: reads and searches of ResearchStudy touch nothing else, and writing
/// every resource of 10,000 trials would take hours here.
/// </summary>
internal sealed class StorePopulator(TrialStorage storage, StudyGenerator generator, int concurrency, bool bulk)
{
    private readonly TableResourceStore _store = new(storage, SearchIndexer.Extract);
    private readonly BulkStudyLoader _bulk = new(storage, generator, concurrency);

    public bool Bulk => bulk;

    public int Count { get; private set; }

    /// <summary>Writes studies <see cref="Count"/> .. <paramref name="size"/> - 1 and returns the time it took.</summary>
    public async Task<TimeSpan> GrowToAsync(int size, CancellationToken cancellationToken)
    {
        if (bulk)
        {
            var elapsed = await _bulk.WriteAsync(Count, size, cancellationToken);
            Count = size;
            return elapsed;
        }

        var watch = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        var done = 0;
        var from = Count;
        await Parallel.ForAsync(from, size, options, async (n, token) =>
        {
            var result = await _store.WriteAsync(generator.Study(n), token);
            if (!result.Changed)
            {
                throw new InvalidOperationException($"Study {n} ({result.Id}) was already stored: the generated trials are not all different.");
            }

            var written = Interlocked.Increment(ref done);
            if (written % 5_000 == 0)
            {
                Console.WriteLine($"  populated {from + written:N0} of {size:N0} studies ({watch.Elapsed.TotalSeconds:0} s)");
            }
        });
        Count = size;
        return watch.Elapsed;
    }
}
