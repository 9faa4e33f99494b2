using System.Globalization;
using System.Text.RegularExpressions;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Api.Rendering;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Changes;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Export;

/// <summary>
/// <c>[base]/{type}/_history</c> and <c>[base]/_history</c> from the change index: newest first, <c>_since</c> and
/// <c>_count</c>, pages linked by a cursor (the last row key read, and its type at system level). A page reads
/// <c>_count</c> change rows per type and one or two point reads per entry, whatever the store holds.
/// </summary>
public sealed partial class ChangeHistory(ChangeReader changes, TimeProvider time)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;
    private const int Parallelism = 16;
    private static readonly string[] Ignored = ["_format", "_pretty"];

    public async System.Threading.Tasks.Task HandleAsync(HttpContext context, string? resourceType, Uri serviceBase, WireFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(serviceBase);
        DateTimeOffset? since = null;
        var count = DefaultCount;
        (string Key, string Type)? cursor = null;
        foreach (var (name, values) in context.Request.Query)
        {
            var value = values.ToString();
            switch (name)
            {
                case "_since":
                    since = ExportRequest.ParseInstant("_since", value);
                    break;
                case "_count":
                    count = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0
                        ? Math.Min(c, MaxCount)
                        : throw FhirException.BadRequest($"_count '{SummaryFilter.Shorten(value)}' is not a positive whole number.");
                    break;
                case "_cursor":
                    cursor = ParseCursor(value);
                    break;
                default:
                    if (!Ignored.Contains(name))
                    {
                        throw FhirException.BadRequest($"'{SummaryFilter.Shorten(name)}' is not supported on _history (_since, _count).");
                    }

                    break;
            }
        }

        var until = time.GetUtcNow();
        var types = resourceType is null ? SearchParameterCatalog.ResourceTypes : [resourceType];
        var candidates = new List<ChangeRow>();
        var more = false;
        foreach (var type in types)
        {
            string? after = cursor?.Key;
            var inclusive = cursor is { } at && string.CompareOrdinal(type, at.Type) > 0;
            var read = 0;
            await foreach (var row in changes.ChangesAsync(type, since, until, after, null, inclusive, cancellationToken).ConfigureAwait(false))
            {
                if (inclusive && row.RowKey == after && string.CompareOrdinal(type, cursor!.Value.Type) <= 0)
                {
                    continue;
                }

                candidates.Add(row);
                if (++read > count)
                {
                    break;
                }
            }
        }

        var ordered = candidates.OrderBy(r => r.RowKey, StringComparer.Ordinal).ThenBy(r => r.ResourceType, StringComparer.Ordinal).ToList();
        more = ordered.Count > count;
        var page = ordered.Take(count).ToList();
        var versions = new Resource?[page.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, page.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => versions[i] = (await changes.VersionAsync(page[i], null, ct).ConfigureAwait(false)) is { } stored ? ResourceSerializer.Parse(stored.Json) : null).ConfigureAwait(false);

        var path = resourceType is null ? "_history" : resourceType + "/_history";
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = until },
            Type = Bundle.BundleType.History,
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Link(serviceBase, path, since, count, cursor is { } self ? Cursor(self.Key, self.Type) : null) });
        if (more && page.Count > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(serviceBase, path, since, count, Cursor(page[^1].RowKey, page[^1].ResourceType)) });
        }

        foreach (var version in versions.OfType<Resource>())
        {
            var first = version.Meta?.VersionId == "1";
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = BundleBuilder.FullUrl(serviceBase, version),
                Resource = version,
                Request = new Bundle.RequestComponent
                {
                    Method = first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT,
                    Url = first ? version.TypeName : $"{version.TypeName}/{version.Id}",
                },
                Response = new Bundle.ResponseComponent
                {
                    Status = first ? "201 Created" : "200 OK",
                    Etag = $"W/\"{version.Meta?.VersionId}\"",
                    LastModified = version.Meta?.LastUpdated,
                },
            });
        }

        await ResourceResponses.WriteAsync(context, StatusCodes.Status200OK, bundle, format).ConfigureAwait(false);
    }

    private static string Cursor(string key, string type) => type + "|" + key;

    private static (string Key, string Type) ParseCursor(string value)
    {
        var match = CursorPattern().Match(value);
        return match.Success && SearchParameterCatalog.Supports(match.Groups["type"].Value)
            ? (match.Groups["key"].Value, match.Groups["type"].Value)
            : throw FhirException.BadRequest("_cursor is not one this server wrote; follow the Bundle's next link.");
    }

    private static string Link(Uri serviceBase, string path, DateTimeOffset? since, int count, string? cursor)
    {
        var query = new List<string>();
        if (since is { } s)
        {
            query.Add("_since=" + Uri.EscapeDataString(ExportRequest.Instant(s)));
        }

        query.Add("_count=" + count.ToString(CultureInfo.InvariantCulture));
        if (cursor is not null)
        {
            query.Add("_cursor=" + Uri.EscapeDataString(cursor));
        }

        return new Uri(serviceBase, path + "?" + string.Join('&', query)).AbsoluteUri;
    }

    [GeneratedRegex("^(?<type>[A-Z][A-Za-z]{1,63})\\|(?<key>[0-9]{19} [A-Za-z0-9\\-\\.]{1,64} [0-9]{10})$")]
    private static partial Regex CursorPattern();
}
