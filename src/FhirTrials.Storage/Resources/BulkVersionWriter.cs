using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirTrials.Storage.Resources;

/// <summary>
/// Writes new versions of many resources (the trials of a batch) in the same order as <see cref="VersionWriter"/>,
/// but each step for all of them together: claims of one type in 100-operation transactions, history rows of one
/// type likewise, index rows of one partition from every resource together, commits per type, then the old
/// versions' index rows. Anything a transaction refuses (another writer's claim, a row left by a crash, an ETag that
/// moved on) is written by <see cref="VersionWriter"/> instead, which resumes claims this writer left, and vice versa.
/// </summary>
internal sealed class BulkVersionWriter(TrialStorage storage, VersionRows rows, VersionWriter single)
{
    /// <summary>Transactions or point requests in flight at once.</summary>
    public int Parallelism { get; init; } = 8;

    /// <param name="firstSeen">Resources expected to have no row yet: their claim is an insert, without reading first.</param>
    /// <returns>What was written, keyed "type/id"; a resource given twice is written once (the last one given).</returns>
    public async Task<IReadOnlyDictionary<string, ResourceWriteResult>> WriteAsync(
        IEnumerable<Resource> resources, Func<Resource, bool> firstSeen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(firstSeen);
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            ResourceKeys.Validate(resource.TypeName, resource.Id);
            items[Key(resource.TypeName, resource.Id!)] = new Item(resource, FhirJson.ContentHash(resource), firstSeen(resource));
        }

        var results = new ConcurrentDictionary<string, ResourceWriteResult>(StringComparer.Ordinal);
        var slow = new ConcurrentBag<Item>();
        var claimed = await ClaimAsync([.. items.Values], results, slow, cancellationToken).ConfigureAwait(false);
        var stored = await WriteHistoryAsync(claimed, slow, cancellationToken).ConfigureAwait(false);
        // The change index (Changes/ChangeRows) goes with the index rows, before any commit: a transaction per 100 versions of a type.
        var changes = Submit(storage.Changes, stored.Select(i => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, Changes.ChangeRows.Build(i.Type, i.Id, i.Version, i.Data!.LastUpdated))), cancellationToken);
        var index = await Submit(storage.Index, stored.SelectMany(i => IndexRows.BuildAll(i.Type, i.Id, i.Version, i.Data!.Entries))
            .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken).ConfigureAwait(false);
        if (!index.Refused.IsEmpty)
        {
            // An upsert is never refused for its row's state; no version is committed without its index rows.
            throw new InvalidOperationException($"Storage refused {index.Refused.Count} index rows; no version was committed. Retry the ingestion.");
        }

        await changes.ConfigureAwait(false);
        var committed = await CommitAsync(stored, slow, cancellationToken).ConfigureAwait(false);
        foreach (var item in committed)
        {
            results[item.Key] = new ResourceWriteResult(item.Type, item.Id, VersionRows.Text(item.Version), Changed: true);
        }

        await RemoveStaleAsync([.. committed.Where(i => i.Committed > 0)], cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            slow, Options(cancellationToken),
            async (item, ct) => results[item.Key] = await single.WriteAsync(item.Resource, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Claims the next version of every resource that changed: inserts for those first seen (a refused insert means the
    /// row exists after all: read it), reads for the rest, then merges with If-Match. A row with a claim or a stale mark
    /// of its own goes the slow way, which knows how to wait for, resume or clean it.
    /// </summary>
    private async Task<List<Item>> ClaimAsync(List<Item> items, ConcurrentDictionary<string, ResourceWriteResult> results, ConcurrentBag<Item> slow, CancellationToken cancellationToken)
    {
        var claimed = new List<Item>();
        var (inserted, exist) = await InsertClaimsAsync([.. items.Where(i => i.FirstSeen)], cancellationToken).ConfigureAwait(false);
        claimed.AddRange(inserted);

        var absent = new ConcurrentBag<Item>();
        var changed = new ConcurrentBag<(Item Item, TableEntity Row)>();
        await Parallel.ForEachAsync(items.Where(i => !i.FirstSeen).Concat(exist), Options(cancellationToken), async (item, ct) =>
        {
            var read = await storage.Resources.GetEntityIfExistsAsync<TableEntity>(item.Type, item.Id, cancellationToken: ct).ConfigureAwait(false);
            var row = read.HasValue ? read.Value : null;
            var committed = row?.GetInt32(VersionRows.VersionColumn) ?? 0;
            if (row is null)
            {
                absent.Add(item);
            }
            else if ((row.GetInt32(VersionRows.StaleColumn) ?? 0) > 0 || (row.GetInt32(VersionRows.PendingVersionColumn) ?? 0) > 0)
            {
                slow.Add(item);
            }
            else if (committed > 0 && row.GetString(VersionRows.HashColumn) == item.Hash)
            {
                results[item.Key] = new ResourceWriteResult(item.Type, item.Id, VersionRows.Text(committed), Changed: false);
            }
            else
            {
                item.Committed = committed;
                changed.Add((item, row));
            }
        }).ConfigureAwait(false);

        var (late, raced) = await InsertClaimsAsync([.. absent], cancellationToken).ConfigureAwait(false);
        claimed.AddRange(late);
        foreach (var item in raced)
        {
            slow.Add(item);
        }

        var byKey = changed.ToDictionary(c => (c.Item.Type, c.Item.Id), c => c.Item);
        var updates = await Submit(storage.Resources, changed.Select(c => new TableTransactionAction(
            TableTransactionActionType.UpdateMerge, rows.Claim(c.Item.Type, c.Item.Id, c.Item.Committed + 1, c.Item.Hash, first: false), c.Row.ETag)), cancellationToken).ConfigureAwait(false);
        foreach (var ((type, id), tag) in updates.Applied)
        {
            var item = byKey[(type, id)];
            (item.Version, item.Tag) = (item.Committed + 1, tag);
            Route(item, claimed, slow.Add);
        }

        foreach (var refused in updates.Refused)
        {
            slow.Add(byKey[(refused.Entity.PartitionKey, refused.Entity.RowKey)]);
        }

        return claimed;
    }

    /// <returns>The items claimed at version 1, and those whose row already existed.</returns>
    private async Task<(List<Item> Claimed, List<Item> Exist)> InsertClaimsAsync(List<Item> items, CancellationToken cancellationToken)
    {
        var byKey = items.ToDictionary(i => (i.Type, i.Id));
        var outcome = await Submit(storage.Resources, items.Select(i => new TableTransactionAction(
            TableTransactionActionType.Add, rows.Claim(i.Type, i.Id, 1, i.Hash, first: true))), cancellationToken).ConfigureAwait(false);
        var claimed = new List<Item>();
        var exist = outcome.Refused.Select(a => byKey[(a.Entity.PartitionKey, a.Entity.RowKey)]).ToList();
        foreach (var ((type, id), tag) in outcome.Applied)
        {
            var item = byKey[(type, id)];
            (item.Committed, item.Version, item.Tag) = (0, 1, tag);
            Route(item, claimed, exist.Add);
        }

        return (claimed, exist);
    }

    /// <summary>
    /// A claim goes on only with its ETag: without it the commit could not be conditional. Otherwise the claim is this
    /// writer's own (same content), which the slow way, or a read, resumes.
    /// </summary>
    private static void Route(Item item, List<Item> claimed, Action<Item> elsewhere)
    {
        if (item.Tag == default)
        {
            elsewhere(item);
        }
        else
        {
            claimed.Add(item);
        }
    }

    /// <summary>
    /// Adds the history rows of the claimed versions. Every claim here was made over no pending one, so no row can be
    /// at its version (see <see cref="VersionWriter"/>): they are inserted without reading; a refusal goes the slow way.
    /// </summary>
    private async Task<List<Item>> WriteHistoryAsync(List<Item> claimed, ConcurrentBag<Item> slow, CancellationToken cancellationToken)
    {
        var byKey = claimed.ToDictionary(i => (ResourceKeys.HistoryPartition(i.Type), ResourceKeys.HistoryRow(i.Id, i.Version)));
        var actions = new ConcurrentBag<TableTransactionAction>();
        await Parallel.ForEachAsync(claimed, Options(cancellationToken), async (item, ct) =>
        {
            var (row, data) = await rows.HistoryAsync(item.Resource, item.Id, item.Version, item.Hash, ct).ConfigureAwait(false);
            item.Data = data;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }).ConfigureAwait(false);

        var outcome = await Submit(storage.History, actions, cancellationToken).ConfigureAwait(false);
        foreach (var refused in outcome.Refused)
        {
            slow.Add(byKey[(refused.Entity.PartitionKey, refused.Entity.RowKey)]);
        }

        return [.. outcome.Applied.Keys.Select(k => byKey[k])];
    }

    /// <summary>Makes each claimed version current, If-Match the claim's ETag; a claim taken over meanwhile goes the slow way.</summary>
    private async Task<List<Item>> CommitAsync(List<Item> stored, ConcurrentBag<Item> slow, CancellationToken cancellationToken)
    {
        var byKey = stored.ToDictionary(i => (i.Type, i.Id));
        var actions = new ConcurrentBag<TableTransactionAction>();
        await Parallel.ForEachAsync(stored, Options(cancellationToken), async (item, ct) =>
        {
            var row = await rows.CommitAsync(item.Type, item.Id, item.Version, item.Hash, item.Committed, item.Data!, ct).ConfigureAwait(false);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, item.Tag));
        }).ConfigureAwait(false);

        var outcome = await Submit(storage.Resources, actions, cancellationToken).ConfigureAwait(false);
        foreach (var refused in outcome.Refused)
        {
            slow.Add(byKey[(refused.Entity.PartitionKey, refused.Entity.RowKey)]);
        }

        var committed = new List<Item>();
        foreach (var (key, tag) in outcome.Applied)
        {
            byKey[key].Tag = tag;
            committed.Add(byKey[key]);
        }

        return committed;
    }

    /// <summary>
    /// Deletes the index rows of the versions just superseded (found in their history rows), then clears the marks. A
    /// mark left (a crash, a lost race) is cleaned by the resource's next write.
    /// </summary>
    private async Task RemoveStaleAsync(List<Item> superseded, CancellationToken cancellationToken)
    {
        var deletes = new ConcurrentBag<TableTransactionAction>();
        await Parallel.ForEachAsync(superseded, Options(cancellationToken), async (item, ct) =>
        {
            var read = await storage.History.GetEntityIfExistsAsync<TableEntity>(
                ResourceKeys.HistoryPartition(item.Type), ResourceKeys.HistoryRow(item.Id, item.Committed), cancellationToken: ct).ConfigureAwait(false);
            if (read.HasValue)
            {
                foreach (var row in IndexRows.BuildAll(item.Type, item.Id, item.Committed, await rows.ReadEntriesAsync(read.Value!, ct).ConfigureAwait(false)))
                {
                    deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
                }
            }
        }).ConfigureAwait(false);

        // A refused delete is a row already gone (a repeat of this step): nothing left to do for it.
        await Submit(storage.Index, deletes, cancellationToken).ConfigureAwait(false);
        await Submit(storage.Resources, superseded.Select(i => new TableTransactionAction(
            TableTransactionActionType.UpdateMerge, new TableEntity(i.Type, i.Id) { [VersionRows.StaleColumn] = 0 }, i.Tag)), cancellationToken).ConfigureAwait(false);
    }

    private Task<TransactionOutcome> Submit(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        TransactionSet.SubmitAsync(table, actions, Parallelism, cancellationToken);

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static string Key(string type, string id) => type + "/" + id;

    /// <summary>One resource on its way through the steps.</summary>
    private sealed class Item(Resource resource, string hash, bool firstSeen)
    {
        public Resource Resource { get; } = resource;
        public string Type { get; } = resource.TypeName;
        public string Id { get; } = resource.Id!;
        public string Key => BulkVersionWriter.Key(Type, Id);
        public string Hash { get; } = hash;
        public bool FirstSeen { get; } = firstSeen;
        public int Committed { get; set; }
        public int Version { get; set; }
        public ETag Tag { get; set; }
        public VersionData? Data { get; set; }
    }
}
