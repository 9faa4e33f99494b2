using Azure.Data.Tables;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// The baseline: the bare Table Storage SDK answering the same questions with the storage requests our API makes,
/// and nothing else (no FHIR parsing, rendering or HTTP hop): a point read of the resource row for a read; the
/// index partition's RowKey range query, then point reads of the matched resource rows (concurrently, as the API
/// loads a page) for a search.
/// </summary>
internal sealed class TableBaseline(TableServiceClient tables, TableNames names)
{
    private const string ResourceType = "ResearchStudy";

    // The columns the API's index query selects, so both queries return the same bytes.
    private static readonly string[] IndexColumns = ["RowKey", "Id", "VersionId", "Key", "Low", "High", "KeyTruncated"];

    private readonly TableClient _resources = tables.GetTableClient(names.Resources);
    private readonly TableClient _index = tables.GetTableClient(names.Index);

    public async Task<bool> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _resources.GetEntityAsync<TableEntity>(ResourceType, id, cancellationToken: cancellationToken);
        return row.Value.GetInt32("VersionId") > 0;
    }

    public Task<bool> SearchIdentifierAsync(string nct, CancellationToken cancellationToken) => SearchAsync("identifier", nct, 1, cancellationToken);

    public Task<bool> SearchConditionAsync(string code, CancellationToken cancellationToken) =>
        SearchAsync("condition", code, StudyGenerator.StudiesPerCondition, cancellationToken);

    private async Task<bool> SearchAsync(string parameter, string key, int expected, CancellationToken cancellationToken)
    {
        var from = IndexRowKey.Encode(key) + IndexRowKey.Separator;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {IndexRows.PartitionKey(ResourceType, parameter)} and RowKey ge {from} and RowKey lt {IndexRowKey.PrefixUpperBound(from)}");
        var ids = new List<string>();
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, select: IndexColumns, cancellationToken: cancellationToken))
        {
            ids.Add(row.GetString("Id"));
        }

        var rows = await Task.WhenAll(ids.Select(id => _resources.GetEntityAsync<TableEntity>(ResourceType, id, cancellationToken: cancellationToken)));
        return rows.Length == expected;
    }
}
