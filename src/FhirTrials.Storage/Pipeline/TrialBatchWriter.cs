using System.Collections.Concurrent;
using FhirTrials.Core.Records;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Resources;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirTrials.Storage.Pipeline;

/// <summary>One trial record read from a document, on its way to storage, with its JSON as stored.</summary>
public sealed record TrialInput(TrialRecord Record, string DocumentName, string ContentHash, string? DocumentUri)
{
    public string RecordJson { get; } = TrialRecordJson.Serialize(Record);
}

/// <summary>What one input came to: its trial, the trial's resources as written (empty when nothing changed), warnings of the write.</summary>
public sealed record TrialOutput(string TrialKey, IReadOnlyList<IngestedResource> Resources, IReadOnlyList<string> Warnings);

/// <summary>
/// Stores the records of many trials with few storage requests: each step for every trial of the batch at once.
/// <list type="number">
/// <item>Unchanged check: one point read of the document's source row per record, under the key the record names
/// itself by; a row holding this content and marked merged means the trial's resources already reflect it: done. It is
/// skipped for a record none of whose registry identifiers is known yet (<see cref="ResolveAsync"/>).</item>
/// <item>Aliases: point reads per record; the identifiers of new trials inserted in 100-operation transactions.</item>
/// <item>Sources: a trial seen before is read in one partition query (merge state and every source); a new one not at all.</item>
/// <item>Every trial merged and mapped; all resources written together by <see cref="BulkVersionWriter"/>.</item>
/// <item>Per trial, one transaction stores the document's record and the merge state (If-Match the state read) and marks
/// the merged sources; a trial whose state moved on meanwhile is merged again with what the other ingestion stored.</item>
/// </list>
/// </summary>
internal sealed class TrialBatchWriter(TrialSources sources, TrialAliases aliases, BulkVersionWriter writer, PipelineOptions options, TimeProvider time)
{
    /// <summary>Records of a round whose stamps are read first to tell a new upload from one seen before.</summary>
    private const int ResolveProbe = 8;

    public async Task<TrialOutput[]> WriteAsync(IReadOnlyList<TrialInput> inputs, DateTimeOffset received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = new TrialOutput[inputs.Count];
        var remaining = Enumerable.Range(0, inputs.Count).Select(i => new Pending(i, inputs[i])).ToList();
        while (remaining.Count > 0)
        {
            // Two records of one trial in a batch are written one after the other, the second merged with the first.
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var round = remaining.Where(p => keys.Add(p.Guess)).ToList();
            var deferred = await WriteRoundAsync(round, outputs, received, cancellationToken).ConfigureAwait(false);
            remaining = [.. remaining.Except(round), .. deferred];
        }

        return outputs;
    }

    /// <returns>Records deferred to the next round (their trial was already in this one under another key).</returns>
    private async Task<List<Pending>> WriteRoundAsync(List<Pending> round, TrialOutput[] outputs, DateTimeOffset received, CancellationToken cancellationToken)
    {
        await ResolveAsync(round, cancellationToken).ConfigureAwait(false);
        foreach (var p in round.Where(p => p.IsUnchanged))
        {
            outputs[p.Index] = new TrialOutput(p.Guess, [], []);
        }

        var changed = round.Where(p => !p.IsUnchanged).ToList();

        var trialKeys = new HashSet<string>(StringComparer.Ordinal);
        var deferred = changed.Where(p => !trialKeys.Add(p.TrialKey!)).ToList();
        changed = [.. changed.Except(deferred)];
        await RegisterAliasesAsync(changed, cancellationToken).ConfigureAwait(false);

        for (var attempt = 1; changed.Count > 0; attempt++)
        {
            if (attempt > options.MergeAttempts)
            {
                throw new ResourceConflictException(
                    $"Trial {changed[0].TrialKey} kept being changed by other ingestions; gave up after {options.MergeAttempts} merges. Retry the ingestion.");
            }

            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 60) * attempt), cancellationToken).ConfigureAwait(false);
            }

            changed = await MergeAndCommitAsync(changed, outputs, received, attempt, cancellationToken).ConfigureAwait(false);
        }

        return deferred;
    }

    /// <summary>
    /// The unchanged check and the trial each record joins. Stamp first (one read answers an unchanged record) suits an
    /// upload seen before; aliases first suits a new one: a record none of whose registry identifiers has an alias was
    /// never committed with this content (aliases go in before any commit and are never removed), so its stamp need not
    /// be read, which saves a request per new trial. A probe of the first records, stamp first, picks the order for the rest.
    /// </summary>
    private async Task ResolveAsync(List<Pending> round, CancellationToken cancellationToken)
    {
        var probe = round.Take(ResolveProbe).ToList();
        await ForEachAsync(probe, StampFirstAsync, cancellationToken).ConfigureAwait(false);
        var seenBefore = probe.Count(p => p.Stamp is not null) * 2 >= probe.Count;
        await ForEachAsync(round.Skip(ResolveProbe), seenBefore ? StampFirstAsync : AliasesFirstAsync, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask StampFirstAsync(Pending p, CancellationToken cancellationToken)
    {
        p.Stamp = await sources.GetStampAsync(p.Guess, p.Input.DocumentName, cancellationToken).ConfigureAwait(false);
        if (!p.IsUnchanged)
        {
            var resolved = await aliases.ResolveAsync(p.Input.Record, cancellationToken).ConfigureAwait(false);
            (p.TrialKey, p.IsNew) = (resolved ?? p.Guess, resolved is null && p.Stamp is null);
        }
    }

    /// <remarks>
    /// Without a stamp read, a record taken as new may still find rows of its trial (another document's, or this
    /// document's earlier content): its merge-state insert and claims are then refused and it is merged again with what is
    /// stored, as when two ingestions race.
    /// </remarks>
    private async ValueTask AliasesFirstAsync(Pending p, CancellationToken cancellationToken)
    {
        var resolved = await aliases.ResolveAsync(p.Input.Record, cancellationToken).ConfigureAwait(false);
        if (resolved is not null || !TrialAliases.KeysOf(p.Input.Record).Any())
        {
            p.Stamp = await sources.GetStampAsync(p.Guess, p.Input.DocumentName, cancellationToken).ConfigureAwait(false);
            if (p.IsUnchanged)
            {
                return;
            }
        }

        (p.TrialKey, p.IsNew) = (resolved ?? p.Guess, resolved is null && p.Stamp is null);
    }

    /// <summary>
    /// Identifiers of new trials go in as transactions per identifier kind; those refused (registered meanwhile, or
    /// named twice in the batch) and those of known trials go one by one, which reports conflicts.
    /// </summary>
    private async Task RegisterAliasesAsync(List<Pending> changed, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<(string Kind, string Value), Pending>();
        var oneByOne = new HashSet<Pending>(changed.Where(p => !p.IsNew));
        foreach (var p in changed.Where(p => p.IsNew))
        {
            foreach (var key in TrialAliases.KeysOf(p.Input.Record))
            {
                if (!owners.TryAdd(key, p))
                {
                    oneByOne.Add(p);
                }
            }
        }

        var refused = await aliases.AddAllAsync(owners.Select(o => (o.Key.Kind, o.Key.Value, o.Value.TrialKey!)), options.MaxConcurrentTrials, cancellationToken).ConfigureAwait(false);
        oneByOne.UnionWith(refused.Select(k => owners[k]));
        await ForEachAsync(oneByOne, async (p, ct) =>
            p.Warnings.AddRange(await aliases.RegisterAsync(p.Input.Record, p.TrialKey!, ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The trials whose commit lost to another ingestion: to merge again.</returns>
    private async Task<List<Pending>> MergeAndCommitAsync(List<Pending> trials, TrialOutput[] outputs, DateTimeOffset received, int attempt, CancellationToken cancellationToken)
    {
        await ForEachAsync(trials, async (p, ct) =>
        {
            var (state, stored) = p.IsNew && attempt == 1
                ? (new TrialMergeState(new HashSet<string>(), default), [])
                : await sources.GetAllAsync(p.TrialKey!, ct).ConfigureAwait(false);
            var earlier = stored.FirstOrDefault(s => s.DocumentName == p.Input.DocumentName);
            var ours = new SourceRecord(
                p.TrialKey!, p.Input.DocumentName, p.Input.ContentHash,
                earlier?.ContentHash == p.Input.ContentHash ? earlier.Received : received,
                p.Input.DocumentUri, p.Input.RecordJson);
            p.State = state;
            p.Merged = [.. stored.Where(s => s.DocumentName != p.Input.DocumentName), ours];
            var ids = p.Merged.Select(s => TrialMergeState.SourceId(s.DocumentName, s.ContentHash)).ToHashSet(StringComparer.Ordinal);
            // Already merged (the row was only not marked yet): nothing to write but the mark.
            p.Resources = state.MergedSources.SetEquals(ids) ? [] : TrialMerge.Map(p.TrialKey!, p.Merged);
        }, cancellationToken).ConfigureAwait(false);

        var firstSeen = new HashSet<Resource>(trials.Where(p => p.IsNew && attempt == 1).SelectMany(p => p.Resources!), ReferenceEqualityComparer.Instance);
        var written = await writer.WriteAsync(trials.SelectMany(p => p.Resources!), firstSeen.Contains, cancellationToken).ConfigureAwait(false);

        foreach (var p in trials.Where(p => p.Resources!.Count > 0))
        {
            p.Written = [.. p.Resources!.Select(r => written[r.TypeName + "/" + r.Id]).Select(w => new IngestedResource(w.ResourceType, w.Id, w.VersionId, w.Changed))];
        }

        var lost = new ConcurrentBag<Pending>();
        var now = time.GetUtcNow();
        await ForEachAsync(trials, async (p, ct) =>
        {
            if (!await sources.TryCommitAsync(p.Merged![^1], p.Merged, p.State!.ETag, now, ct).ConfigureAwait(false))
            {
                lost.Add(p);
                return;
            }

            // A merge that found nothing to write after an earlier attempt of ours wrote its resources (a commit applied
            // but answered as a conflict, as when the SDK retried it after a late answer) reports that attempt's writes:
            // the trial was ingested by this call, not found unchanged.
            outputs[p.Index] = new TrialOutput(p.TrialKey!, p.Written ?? [], p.Warnings);
        }, cancellationToken).ConfigureAwait(false);
        return [.. lost];
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrentTrials), CancellationToken = cancellationToken }, body);

    /// <summary>One record of the batch, and what is known of it so far.</summary>
    private sealed class Pending(int index, TrialInput input)
    {
        public int Index { get; } = index;
        public TrialInput Input { get; } = input;

        /// <summary>The key the record names itself by; the trial's key unless an alias already joins it to another.</summary>
        public string Guess { get; } = Core.Fhir.TrialKey.For(input.Record);

        public SourceStamp? Stamp { get; set; }

        /// <summary>The document's stored row holds this content and the trial's resources reflect it: nothing to write.</summary>
        public bool IsUnchanged => Stamp?.IsMerged(Input.ContentHash) == true;
        public string? TrialKey { get; set; }
        public bool IsNew { get; set; }
        public List<string> Warnings { get; } = [];
        public TrialMergeState? State { get; set; }
        public List<SourceRecord>? Merged { get; set; }
        public List<Resource>? Resources { get; set; }

        /// <summary>The resources this call last wrote for the trial, kept across merge attempts.</summary>
        public List<IngestedResource>? Written { get; set; }
    }
}
