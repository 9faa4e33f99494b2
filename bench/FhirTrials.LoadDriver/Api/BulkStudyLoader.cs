using System.Diagnostics;
using Azure.Data.Tables;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// Fills the store for the scale sizes much faster than the real write path, by writing only what a read and the
/// benchmark's searches touch, as the writer commits it, batched per partition: the current-version row of each
/// ResearchStudy (version 1, its JSON, lastUpdated, content hash) and its index rows of the searched parameters
/// (<see cref="SearchedParameters"/>, built by <see cref="IndexRows.BuildAll"/>, the writer's own builder). No History
/// rows and no index rows of other parameters: about 10 rows per study instead of about 70, and Azurite answers every
/// query by scanning the whole table (Azure Tables seeks a partition's row range), so unneeded rows would make every
/// search slower here, on both sides. The API is checked to answer from these rows after every step.
/// </summary>
internal sealed class BulkStudyLoader(TrialStorage storage, StudyGenerator generator, int concurrency)
{
    private const string ResourceType = "ResearchStudy";
    private const int StudiesPerBatch = 100;

    public static IReadOnlySet<string> SearchedParameters => Searched;

    private static readonly HashSet<string> Searched = new(StringComparer.Ordinal) { "identifier", "condition" };

    /// <summary>Index these parameters too, for a benchmark whose questions need them ($match). Call before populating;
    /// every later bulk population in this process writes them too (the driver runs $match only when named).</summary>
    public static void AlsoIndex(IEnumerable<string> parameters) => Searched.UnionWith(parameters);

    // The writer's column names (VersionWriter is internal to the storage project): a change there fails the
    // answer check after the first step instead of going unnoticed.
    private const string VersionColumn = "VersionId";
    private const string LastUpdatedColumn = "LastUpdated";
    private const string HashColumn = "ContentHash";
    private const string StaleColumn = "StaleVersion";
    private const string JsonColumn = "Json";

    public async Task<TimeSpan> WriteAsync(int from, int to, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var batches = (to - from + StudiesPerBatch - 1) / StudiesPerBatch;
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, batches, options, async (batch, token) =>
        {
            var start = from + (batch * StudiesPerBatch);
            var resources = new List<TableEntity>();
            var index = new List<TableEntity>();
            for (var n = start; n < Math.Min(to, start + StudiesPerBatch); n++)
            {
                var (resource, rows) = await RowsAsync(n, token);
                resources.Add(resource);
                index.AddRange(rows);
            }

            await TableBatch.UpsertAsync(storage.Index, index, token);
            // The resource rows last, as the writer commits them after the index rows.
            await TableBatch.UpsertAsync(storage.Resources, resources, token);
            if ((Interlocked.Increment(ref done) * StudiesPerBatch) % 10_000 == 0)
            {
                Console.WriteLine($"  bulk-loaded {from + (done * StudiesPerBatch):N0} of {to:N0} studies ({watch.Elapsed.TotalSeconds:0} s)");
            }
        });
        return watch.Elapsed;
    }

    private async Task<(TableEntity Resource, List<TableEntity> Index)> RowsAsync(int n, CancellationToken cancellationToken)
    {
        var study = generator.Study(n);
        var id = study.Id ?? throw new InvalidOperationException($"Study {n} was mapped without an id.");
        var now = DateTimeOffset.UtcNow;
        var lastUpdated = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var versioned = FhirJson.WithVersion(study, "1", lastUpdated);
        var row = new TableEntity(ResourceType, id)
        {
            [VersionColumn] = 1,
            [LastUpdatedColumn] = lastUpdated,
            [HashColumn] = FhirJson.ContentHash(study),
            [StaleColumn] = 0,
        };
        await PayloadColumns.AttachAsync(row, JsonColumn, FhirJson.Serialize(versioned), storage.Payloads, $"{ResourceType}/{id}/1.resource.json", cancellationToken);
        TableLimits.Validate(row);
        return (row, IndexRows.BuildAll(ResourceType, id, 1, SearchIndexer.Extract(versioned).Where(e => SearchedParameters.Contains(e.Parameter))));
    }
}
