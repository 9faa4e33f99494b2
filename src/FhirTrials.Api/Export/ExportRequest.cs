using System.Globalization;
using FhirTrials.Api.Errors;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Export;

/// <summary>A kick-off's parameters, checked: the types to export and the instant changes are taken after.</summary>
public sealed record ExportRequest(IReadOnlyList<string> Types, DateTimeOffset? Since)
{
    /// <summary>The NDJSON media types the Bulk Data spec names (its abbreviations included).</summary>
    public static readonly IReadOnlyList<string> OutputFormats = ["application/fhir+ndjson", "application/ndjson", "ndjson"];

    // Parameters of the spec this server does not implement: refused unless the client asks for leniency.
    private static readonly string[] Unsupported = ["_elements", "patient", "includeAssociatedData", "_typeFilter", "organizeOutputBy", "allowPartialManifests"];

    // Parameters of the request that are not export parameters (the handler's own).
    private static readonly string[] Ignored = ["_format", "_pretty"];

    /// <param name="resourceType">The type of a type-level kick-off; null at system level.</param>
    /// <param name="lenient">Prefer: handling=lenient: unsupported parameters are ignored rather than refused.</param>
    public static ExportRequest Parse(string? resourceType, IEnumerable<KeyValuePair<string, string>> parameters, DateTimeOffset now, bool lenient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var types = new List<string>();
        DateTimeOffset? since = null;
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "_outputFormat":
                    if (!OutputFormats.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
                    {
                        throw FhirException.BadRequest($"_outputFormat '{Shorten(value)}' is not supported; use {string.Join(", ", OutputFormats)}.");
                    }

                    break;
                case "_since":
                    since = ParseInstant("_since", value);
                    if (since > now)
                    {
                        throw FhirException.BadRequest($"_since {value} is after the server's current time {Instant(now)}.");
                    }

                    break;
                case "_type":
                    foreach (var type in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        types.Add(SearchParameterCatalog.Supports(type)
                            ? type
                            : throw FhirException.BadRequest($"_type names '{Shorten(type)}', which is not served here (served: {string.Join(", ", SearchParameterCatalog.ResourceTypes)})."));
                    }

                    break;
                default:
                    if (Ignored.Contains(name) || (lenient && Unsupported.Contains(name)))
                    {
                        break;
                    }

                    throw Unsupported.Contains(name)
                        ? FhirException.NotSupported($"The export parameter {name} is not supported by this server.")
                        : FhirException.BadRequest($"'{Shorten(name)}' is not an export parameter (_outputFormat, _since, _type).");
            }
        }

        if (resourceType is not null)
        {
            if (types.Any(t => t != resourceType))
            {
                throw FhirException.BadRequest($"A {resourceType}/$export exports {resourceType} only; _type names {string.Join(", ", types.Where(t => t != resourceType).Distinct())}.");
            }

            types = [resourceType];
        }

        return new ExportRequest(types.Count > 0 ? [.. types.Distinct()] : SearchParameterCatalog.ResourceTypes, since);
    }

    /// <summary>The parameters of a POSTed Parameters resource, as name/value pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> FromParameters(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var parameter in parameters.Parameter)
        {
            var value = parameter.Value switch
            {
                Instant instant => instant.Value is { } v ? Instant(v) : null,
                PrimitiveType primitive => primitive.ToString(),
                null => null,
                _ => throw FhirException.BadRequest($"The export parameter {parameter.Name} must have a primitive value."),
            };
            yield return new KeyValuePair<string, string>(parameter.Name ?? "", value ?? throw FhirException.BadRequest($"The export parameter {parameter.Name} has no value."));
        }
    }

    /// <summary>An instant as FHIR writes it: UTC, milliseconds.</summary>
    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A FHIR instant: date, time and time zone (a bare date or local time would mean a different instant per server).</summary>
    public static DateTimeOffset ParseInstant(string parameter, string value)
    {
        var text = value.Trim();
        var hasZone = text.EndsWith('Z') || (text.Length > 19 && text[^6] is '+' or '-');
        if (text.Length < 20 || text[10] != 'T' || !hasZone
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw FhirException.BadRequest($"{parameter} '{Shorten(value)}' is not a FHIR instant (e.g. 2026-12-01T08:30:00Z: date, time and time zone).");
        }

        return instant;
    }

    private static string Shorten(string value) => Rendering.SummaryFilter.Shorten(value);
}
