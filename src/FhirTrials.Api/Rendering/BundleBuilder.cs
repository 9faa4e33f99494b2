using FhirTrials.Api.Errors;
using FhirTrials.Api.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Rendering;

/// <summary>Search and history Bundles with absolute fullUrl, self and next links from the service base.</summary>
public static class BundleBuilder
{
    public static Bundle Searchset(Uri serviceBase, SearchQuery query, SearchPage page, string? nextToken)
    {
        ArgumentNullException.ThrowIfNull(serviceBase);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var bundle = EmptySearchset(page.Total, SelfLink(serviceBase, query), nextToken);

        foreach (var match in page.Matches)
        {
            bundle.Entry.Add(Entry(serviceBase, match, Bundle.SearchEntryMode.Match));
        }

        foreach (var included in page.Included)
        {
            bundle.Entry.Add(Entry(serviceBase, included, Bundle.SearchEntryMode.Include));
        }

        AddWarnings(bundle, query.Warnings);
        return bundle;
    }

    /// <summary>A searchset with its total, self link and, when there is a next page, the self link with its token.</summary>
    public static Bundle EmptySearchset(int? total, string self, string? nextToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow },
            Type = Bundle.BundleType.Searchset,
            Total = total,
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = self });
        if (nextToken is not null)
        {
            bundle.Link.Add(new Bundle.LinkComponent
            {
                Relation = "next",
                Url = self + (self.Contains('?', StringComparison.Ordinal) ? "&" : "?") + SearchQueryParser.TokenParameter + "=" + nextToken,
            });
        }

        return bundle;
    }

    /// <summary>The request's warnings as the searchset's outcome entry (none when there are none).</summary>
    public static void AddWarnings(Bundle bundle, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count > 0)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid().ToString("D"),
                Resource = OperationOutcomes.Warnings(warnings),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
        }
    }

    public static Bundle History(Uri serviceBase, string resourceType, string id, IReadOnlyList<Resource> versions)
    {
        ArgumentNullException.ThrowIfNull(serviceBase);
        ArgumentNullException.ThrowIfNull(versions);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow },
            Type = Bundle.BundleType.History,
            Total = versions.Count,
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = new Uri(serviceBase, $"{resourceType}/{id}/_history").AbsoluteUri });
        foreach (var version in versions)
        {
            var first = version.Meta?.VersionId == "1";
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = FullUrl(serviceBase, version),
                Resource = version,
                Request = new Bundle.RequestComponent
                {
                    Method = first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT,
                    Url = first ? resourceType : $"{resourceType}/{id}",
                },
                Response = new Bundle.ResponseComponent
                {
                    Status = first ? "201 Created" : "200 OK",
                    Etag = $"W/\"{version.Meta?.VersionId}\"",
                    LastModified = version.Meta?.LastUpdated,
                },
            });
        }

        return bundle;
    }

    public static string FullUrl(Uri serviceBase, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new Uri(serviceBase, $"{resource.TypeName}/{Uri.EscapeDataString(resource.Id ?? "")}").AbsoluteUri;
    }

    private static Bundle.EntryComponent Entry(Uri serviceBase, Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = FullUrl(serviceBase, resource),
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };

    private static string SelfLink(Uri serviceBase, SearchQuery query)
    {
        var path = new Uri(serviceBase, query.ResourceType).AbsoluteUri;
        if (query.CanonicalParameters.Count == 0)
        {
            return path;
        }

        var parameters = query.CanonicalParameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value));
        return path + "?" + string.Join("&", parameters);
    }
}
