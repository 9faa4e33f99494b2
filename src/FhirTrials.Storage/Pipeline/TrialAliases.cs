using Azure;
using Azure.Data.Tables;
using FhirTrials.Core.Records;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Pipeline;

/// <summary>
/// The Aliases table: PK identifier kind (nct, euct, eudract), RK the identifier upper-cased, value the trial key.
/// A document naming a trial by any registry identifier already seen joins that trial.
/// </summary>
public sealed class TrialAliases(TrialStorage storage)
{
    // The order decides when a document's identifiers point at different trials: NCT first, as most sources share it.
    private static readonly IdentifierKind[] Kinds = [IdentifierKind.Nct, IdentifierKind.EuCt, IdentifierKind.EudraCt];

    private readonly TrialStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    /// <summary>The registry identifiers of a record that link documents to a trial, as (partition, row) keys.</summary>
    public static IEnumerable<(string Kind, string Value)> KeysOf(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Kinds.SelectMany(kind => record.Identifiers
                .Where(i => i.Kind == kind && !string.IsNullOrWhiteSpace(i.Value))
                .Select(i => (kind.ToString().ToLowerInvariant(), IndexRowKey.EncodeBounded(i.Value.Trim().ToUpperInvariant()).Encoded)))
            .Distinct();
    }

    /// <summary>
    /// The trial an identifier of the record already belongs to (the first in <see cref="KeysOf"/> order that has one),
    /// or null when none is known. The first identifier is read alone (a known trial is found by it); the others, read
    /// only for a record it does not name yet, are read at once: a new trial waits one round trip for them, not one each.
    /// </summary>
    public async Task<string?> ResolveAsync(TrialRecord record, CancellationToken cancellationToken = default)
    {
        var keys = KeysOf(record).ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        if (await ReadAsync(keys[0], cancellationToken).ConfigureAwait(false) is { } first)
        {
            return first;
        }

        var rest = await Task.WhenAll(keys.Skip(1).Select(k => ReadAsync(k, cancellationToken))).ConfigureAwait(false);
        return rest.FirstOrDefault(t => t is not null);
    }

    private async Task<string?> ReadAsync((string Kind, string Value) key, CancellationToken cancellationToken)
    {
        var row = await _storage.Aliases.GetEntityIfExistsAsync<TableEntity>(key.Kind, key.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetString("TrialKey") : null;
    }

    /// <summary>
    /// Links identifiers no trial has yet (of new trials), in transactions per identifier kind; returns those refused
    /// because they were linked meanwhile (<see cref="RegisterAsync"/> then tells whether to another trial).
    /// </summary>
    public async Task<List<(string Kind, string Value)>> AddAllAsync(
        IEnumerable<(string Kind, string Value, string TrialKey)> links, int parallelism, CancellationToken cancellationToken = default)
    {
        var outcome = await TransactionSet.SubmitAsync(
            _storage.Aliases,
            links.Select(l => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(l.Kind, l.Value) { ["TrialKey"] = l.TrialKey })),
            parallelism, cancellationToken).ConfigureAwait(false);
        return [.. outcome.Refused.Select(a => (a.Entity.PartitionKey, a.Entity.RowKey))];
    }

    /// <summary>Links every registry identifier of the record to the trial; returns the identifiers already linked elsewhere.</summary>
    public async Task<List<string>> RegisterAsync(TrialRecord record, string trialKey, CancellationToken cancellationToken = default)
    {
        var conflicts = new List<string>();
        foreach (var (kind, value) in KeysOf(record))
        {
            try
            {
                await _storage.Aliases.AddEntityAsync(new TableEntity(kind, value) { ["TrialKey"] = trialKey }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await _storage.Aliases.GetEntityAsync<TableEntity>(kind, value, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (existing.Value.GetString("TrialKey") is { } other && other != trialKey)
                {
                    conflicts.Add($"The {kind} identifier {value} already belongs to trial {other}; it stays there.");
                }
            }
        }

        return conflicts;
    }
}
