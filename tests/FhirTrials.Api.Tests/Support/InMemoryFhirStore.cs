using System.Runtime.CompilerServices;
using FhirTrials.Api.Data;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Api.Tests.Support;

/// <summary>
/// The engine's store seam held in memory, indexed with the real <see cref="SearchIndexer"/>, for unit tests of the
/// search logic; the HTTP tests run against Azurite through the table store.
/// </summary>
public sealed class InMemoryFhirStore : IFhirStore
{
    private static readonly FhirJsonSerializer Json = new();
    private readonly Dictionary<(string Type, string Id), List<StoredVersion>> _versions = [];
    private readonly List<(string Type, string Id, string VersionId, IndexEntry Entry)> _index = [];

    public int Queries { get; private set; }

    public Resource Add(Resource resource, DateTimeOffset? lastUpdated = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = resource.Id ?? throw new ArgumentException("The resource needs an id.", nameof(resource));
        var key = (resource.TypeName, id);
        var list = _versions.TryGetValue(key, out var existing) ? existing : _versions[key] = [];
        var versionId = (list.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta = new Meta { VersionId = versionId, LastUpdated = lastUpdated ?? DateTimeOffset.UtcNow };
        list.Insert(0, new StoredVersion(resource.TypeName, id, versionId, resource.Meta.LastUpdated!.Value, Json.SerializeToString(resource)));
        _index.RemoveAll(i => i.Type == resource.TypeName && i.Id == id);
        _index.AddRange(SearchIndexer.Extract(resource).Select(e => (resource.TypeName, id, versionId, e)));
        return resource;
    }

    public System.Threading.Tasks.Task<StoredVersion?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(_versions.TryGetValue((resourceType, id), out var list) ? list[0] : null);

    public System.Threading.Tasks.Task<StoredVersion?> ReadVersionAsync(string resourceType, string id, string versionId, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(_versions.TryGetValue((resourceType, id), out var list) ? list.FirstOrDefault(v => v.VersionId == versionId) : null);

    public IAsyncEnumerable<StoredVersion> HistoryAsync(string resourceType, string id, CancellationToken cancellationToken) =>
        (_versions.TryGetValue((resourceType, id), out var list) ? list : []).ToAsyncEnumerable();

    public IAsyncEnumerable<IndexMatch> ExactAsync(string resourceType, string parameter, string key, CancellationToken cancellationToken) =>
        Partition(resourceType, parameter, k => k == key);

    public IAsyncEnumerable<IndexMatch> PrefixAsync(string resourceType, string parameter, string keyPrefix, CancellationToken cancellationToken) =>
        Partition(resourceType, parameter, k => k.StartsWith(keyPrefix, StringComparison.Ordinal));

    public IAsyncEnumerable<IndexMatch> RangeAsync(string resourceType, string parameter, string? fromKeyInclusive, string? toKeyExclusive, CancellationToken cancellationToken) =>
        Partition(resourceType, parameter, k => (fromKeyInclusive is null || string.CompareOrdinal(k, fromKeyInclusive) >= 0)
            && (toKeyExclusive is null || string.CompareOrdinal(k, toKeyExclusive) < 0));

    public IAsyncEnumerable<IndexMatch> ScanAsync(string resourceType, string parameter, CancellationToken cancellationToken) =>
        Partition(resourceType, parameter, _ => true);

    public async IAsyncEnumerable<string> AllIdsAsync(string resourceType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Queries++;
        foreach (var id in _versions.Keys.Where(k => k.Type == resourceType).Select(k => k.Id).Order(StringComparer.Ordinal))
        {
            await Task.Yield();
            yield return id;
        }
    }

    private IAsyncEnumerable<IndexMatch> Partition(string resourceType, string parameter, Func<string, bool> keep)
    {
        Queries++;
        return _index.Where(i => i.Type == resourceType && i.Entry.Parameter == parameter && keep(i.Entry.Key))
            .OrderBy(i => i.Entry.Key, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new IndexMatch(i.Id, i.VersionId, i.Entry.Key, i.Entry.Low, i.Entry.High))
            .ToList()
            .ToAsyncEnumerable();
    }
}
