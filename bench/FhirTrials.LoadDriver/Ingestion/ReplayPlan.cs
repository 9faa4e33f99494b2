using System.Text;
using Azure;
using Azure.Data.Tables;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// Reads one document's recorded requests into the baseline's SDK calls: which service, table or container, point read
/// or query (filter, select, page size, pages), which kind of write with which entity, batches action by action.
/// Nothing of ours runs here: only the requests on the wire are looked at.
/// </summary>
internal static class ReplayPlan
{
    public static List<ReplayStep> From(IEnumerable<RecordedRequest> requests)
    {
        var steps = new List<ReplayStep>();
        foreach (var request in requests)
        {
            if (request.Service == StorageService.Blob)
            {
                steps.Add(Blob(request));
                continue;
            }

            var (table, keys) = TablePath(request.Uri);
            var query = QueryString(request.Uri);
            if (request.Method == "GET" && keys is null && query.ContainsKey("NextPartitionKey"))
            {
                // A further page of the query just before it: the baseline fetches it by paging the same query.
                var first = steps.LastOrDefault(s => s.Kind == StepKind.Query && s.Target == table)
                    ?? throw new InvalidDataException($"A continuation request on {table} without its first page.");
                first.Pages++;
                continue;
            }

            steps.Add(Table(request, table, keys, query));
        }

        return steps;
    }

    private static ReplayStep Blob(RecordedRequest request)
    {
        var path = request.Uri.AbsolutePath.TrimStart('/').Split('/', 3);
        if (path.Length < 3)
        {
            throw new InvalidDataException($"Cannot replay the blob request {request.Method} {request.Uri}.");
        }

        var (container, blob) = (path[1], Uri.UnescapeDataString(path[2]));
        var kind = request.Method switch
        {
            "HEAD" => StepKind.BlobProperties,
            "GET" => StepKind.BlobDownload,
            "PUT" => StepKind.BlobUpload,
            _ => throw new InvalidDataException($"Cannot replay the blob request {request.Method} {request.Uri}."),
        };
        return new ReplayStep(kind, container, request.Status)
        {
            BlobName = blob,
            Upload = kind == StepKind.BlobUpload ? new byte[request.RequestBytes] : null,
        };
    }

    private static ReplayStep Table(RecordedRequest request, string table, (string Partition, string Row)? keys, Dictionary<string, string> query)
    {
        var mode = request.Method is "MERGE" or "PATCH" ? TableUpdateMode.Merge : TableUpdateMode.Replace;
        return (request.Method, keys) switch
        {
            ("GET", { } k) => new ReplayStep(StepKind.PointRead, table, request.Status)
            {
                PartitionKey = k.Partition,
                RowKey = k.Row,
                Select = query.TryGetValue("$select", out var select) ? select.Split(',') : null,
            },
            ("GET", null) => new ReplayStep(StepKind.Query, table, request.Status)
            {
                Filter = query.GetValueOrDefault("$filter"),
                Select = query.TryGetValue("$select", out var select) ? select.Split(',') : null,
                Top = query.TryGetValue("$top", out var top) ? int.Parse(top, System.Globalization.CultureInfo.InvariantCulture) : null,
            },
            ("POST", null) when table == "$batch" => Batch(request),
            ("POST", null) => new ReplayStep(StepKind.Insert, table, request.Status) { Entity = RecordedEntity.Parse(Body(request)) },
            ("PUT" or "MERGE" or "PATCH", { } k) => new ReplayStep(request.IfMatch ? StepKind.Update : StepKind.Upsert, table, request.Status)
            {
                Entity = RecordedEntity.Parse(Body(request), k.Partition, k.Row),
                Mode = mode,
            },
            ("DELETE", { } k) => new ReplayStep(StepKind.Delete, table, request.Status) { PartitionKey = k.Partition, RowKey = k.Row },
            _ => throw new InvalidDataException($"Cannot replay the table request {request.Method} {request.Uri}."),
        };
    }

    /// <summary>The multipart body of a transaction, one action per sub-request, in order.</summary>
    private static ReplayStep Batch(RecordedRequest request)
    {
        var lines = Encoding.UTF8.GetString(Body(request)).Split("\r\n");
        var actions = new List<TableTransactionAction>();
        string? table = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/", StringComparison.Ordinal) || !parts[1].StartsWith("http", StringComparison.Ordinal))
            {
                continue;
            }

            var (method, (actionTable, keys)) = (parts[0], TablePath(new Uri(parts[1])));
            table ??= actionTable;
            var ifMatch = false;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                ifMatch |= lines[i].StartsWith("If-Match:", StringComparison.OrdinalIgnoreCase);
            }

            var body = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                body.Append(lines[i]);
            }

            i--;
            actions.Add(Action(method, ifMatch, keys, body.ToString()));
        }

        return new ReplayStep(StepKind.Batch, table ?? throw new InvalidDataException("A recorded transaction holds no operation."), request.Status)
        {
            Actions = actions,
        };
    }

    private static TableTransactionAction Action(string method, bool ifMatch, (string Partition, string Row)? keys, string body)
    {
        if (method == "DELETE" && keys is { } k)
        {
            return new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), ETag.All);
        }

        var entity = RecordedEntity.Parse(body, keys?.Partition, keys?.Row);
        var type = (method, ifMatch) switch
        {
            ("POST", _) => TableTransactionActionType.Add,
            ("PUT", false) => TableTransactionActionType.UpsertReplace,
            ("PUT", true) => TableTransactionActionType.UpdateReplace,
            ("MERGE" or "PATCH", false) => TableTransactionActionType.UpsertMerge,
            ("MERGE" or "PATCH", true) => TableTransactionActionType.UpdateMerge,
            _ => throw new InvalidDataException($"Cannot replay the transaction action {method}."),
        };
        return new TableTransactionAction(type, entity, ifMatch ? ETag.All : default);
    }

    /// <summary>Table name and, for an entity address, its keys: <c>/account/table(PartitionKey='a',RowKey='b')</c>.</summary>
    private static (string Table, (string Partition, string Row)? Keys) TablePath(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var resource = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return (resource, null);
        }

        var inside = resource[(open + 1)..^1];
        if (inside.Length == 0)
        {
            return (resource[..open], null);
        }

        var position = 0;
        var partition = Quoted(inside, "PartitionKey=", ref position);
        var row = Quoted(inside, ",RowKey=", ref position);
        return (resource[..open], (partition, row));
    }

    private static string Quoted(string text, string label, ref int position)
    {
        if (string.CompareOrdinal(text, position, label + "'", 0, label.Length + 1) != 0)
        {
            throw new InvalidDataException($"Cannot read the keys in '{text}'.");
        }

        var value = new StringBuilder();
        for (position += label.Length + 1; position < text.Length; position++)
        {
            if (text[position] == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    value.Append('\'');
                    position++;
                    continue;
                }

                position++;
                return value.ToString();
            }

            value.Append(text[position]);
        }

        throw new InvalidDataException($"Unterminated key in '{text}'.");
    }

    private static Dictionary<string, string> QueryString(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);

    private static byte[] Body(RecordedRequest request) =>
        request.Body ?? throw new InvalidDataException($"The recorded {request.Method} {request.Uri} has no body.");
}
