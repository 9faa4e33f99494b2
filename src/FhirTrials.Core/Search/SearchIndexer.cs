using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>
/// Turns a resource into the index entries of every parameter the catalog supports for its type (none for other
/// types). Also used by the API to re-check a candidate against its current version (e.g. after a truncated key).
/// </summary>
public static class SearchIndexer
{
    public static IReadOnlyList<IndexEntry> Extract(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var entries = new List<IndexEntry>();
        foreach (var parameter in SearchParameterCatalog.For(resource.TypeName))
        {
            entries.AddRange(Entries(resource, parameter));
        }

        return entries;
    }

    public static IReadOnlyList<IndexEntry> Entries(Resource resource, SearchParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.Name == SearchParameterCatalog.IdParameter)
        {
            // Ids have no system: one key, compared exactly.
            return string.IsNullOrEmpty(resource.Id) ? [] : [new IndexEntry(parameter.Name, resource.Id)];
        }

        var entries = new List<IndexEntry>();
        foreach (var element in parameter.Select(resource))
        {
            if (element is null)
            {
                continue;
            }

            switch (parameter.Type)
            {
                case SearchParamType.String:
                    entries.AddRange(SearchableStrings(element).Select(s => SearchText.Fold(s)).Where(s => s.Length > 0)
                        .Select(s => new IndexEntry(parameter.Name, s)));
                    break;
                case SearchParamType.Token:
                    entries.AddRange(TokenValues.Keys(element).Select(k => new IndexEntry(parameter.Name, k)));
                    break;
                case SearchParamType.Reference:
                    if (ReferenceKey(element) is { } reference)
                    {
                        entries.Add(new IndexEntry(parameter.Name, reference));
                    }

                    break;
                case SearchParamType.Uri:
                    if (element is PrimitiveType { } uri && uri.ToString() is { Length: > 0 } text)
                    {
                        entries.Add(new IndexEntry(parameter.Name, text));
                    }

                    break;
                case SearchParamType.Number when element is Hl7.Fhir.Model.Range ages:
                    entries.Add(NearKeys.AgeRange(parameter.Name, Matching.StudyMatchExtensions.Years(ages.Low), Matching.StudyMatchExtensions.Years(ages.High)));
                    break;
                case SearchParamType.Special when element is Location.PositionComponent { Latitude: { } latitude, Longitude: { } longitude }
                    && Matching.GeoPoint.IsValid((double)latitude, (double)longitude):
                    entries.Add(NearKeys.Position(parameter.Name, new Matching.GeoPoint((double)latitude, (double)longitude)));
                    break;
                case SearchParamType.Date:
                    if (DateOf(element) is { } range)
                    {
                        entries.Add(new IndexEntry(parameter.Name, range.LowKey, range.LowKey, range.HighKey));
                    }

                    break;
            }
        }

        return entries.Distinct().ToList();
    }

    /// <summary>The original (unfolded) strings a string parameter searches, for <c>:exact</c>.</summary>
    public static IEnumerable<string> SearchableStrings(Resource resource, SearchParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Select(resource).Where(e => e is not null).SelectMany(e => SearchableStrings(e!));
    }

    /// <summary>"Type/id" of a literal reference (relative or absolute, version dropped); null when it has none.</summary>
    public static string? ReferenceKey(Base element)
    {
        var text = element switch
        {
            ResourceReference reference => reference.Reference,
            PrimitiveType primitive => primitive.ToString(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#'))
        {
            return null;
        }

        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var historyAt = Array.IndexOf(segments, "_history");
        var end = historyAt >= 0 ? historyAt : segments.Length;
        return end >= 2 && ModelInfo.IsKnownResource(segments[end - 2]) ? segments[end - 2] + "/" + segments[end - 1] : null;
    }

    private static IEnumerable<string> SearchableStrings(Base element)
    {
        switch (element)
        {
            case HumanName name:
                foreach (var part in new[] { name.Text, name.Family }.Concat(name.Given).Concat(name.Prefix).Concat(name.Suffix))
                {
                    if (!string.IsNullOrWhiteSpace(part))
                    {
                        yield return part;
                    }
                }

                var full = string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)));
                if (full.Length > 0)
                {
                    yield return full;
                }

                break;
            case Address address:
                foreach (var part in new[] { address.Text, address.City, address.District, address.State, address.PostalCode, address.Country }.Concat(address.Line))
                {
                    if (!string.IsNullOrWhiteSpace(part))
                    {
                        yield return part;
                    }
                }

                break;
            case PrimitiveType primitive when primitive.ToString() is { Length: > 0 } text:
                yield return text;
                break;
        }
    }

    private static DateRange? DateOf(Base element)
    {
        switch (element)
        {
            case Period period:
                if (period.Start is null && period.End is null)
                {
                    return null;
                }

                var low = DateRange.TryParse(period.Start, out var start) ? start.Low : DateRange.Earliest;
                var high = DateRange.TryParse(period.End, out var end) ? end.High : DateRange.Latest;
                return high < low ? null : new DateRange(low, high);
            case Instant { Value: { } instant }:
                return new DateRange(instant.ToUniversalTime(), instant.ToUniversalTime());
            case PrimitiveType primitive:
                return DateRange.TryParse(primitive.ToString(), out var range) ? range : null;
            default:
                return null;
        }
    }
}
