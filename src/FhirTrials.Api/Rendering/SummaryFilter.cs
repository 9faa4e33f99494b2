using FhirTrials.Api.Errors;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Rendering;

/// <summary><c>_summary</c> (true, text, data, count, false) and <c>_elements</c>, validated up front.</summary>
public sealed record SummaryFilter(SummaryType Summary, IReadOnlyList<string> Elements)
{
    public static readonly SummaryFilter None = new(SummaryType.False, []);

    public bool IsCount => Summary == SummaryType.Count;

    public static SummaryFilter Parse(string? summary, string? elements)
    {
        var type = summary switch
        {
            null or "" or "false" => SummaryType.False,
            "true" => SummaryType.True,
            "text" => SummaryType.Text,
            "data" => SummaryType.Data,
            "count" => SummaryType.Count,
            _ => throw FhirException.BadRequest($"_summary must be true, text, data, count or false, not '{Shorten(summary)}'."),
        };

        var names = new List<string>();
        foreach (var name in (elements ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '[' or ']'))
            {
                throw FhirException.BadRequest($"_elements holds an invalid element name '{Shorten(name)}'.");
            }

            names.Add(name);
        }

        if (names.Count > 0 && type != SummaryType.False)
        {
            throw FhirException.BadRequest("_summary and _elements cannot be combined.");
        }

        // The spec asks servers to return mandatory elements with _elements (and id and meta), so resources stay valid.
        return new SummaryFilter(type, names.Count == 0 ? names : [.. names.Union(["id", "meta"]).Union(MandatoryElements.Value, StringComparer.Ordinal)]);
    }

    private static readonly Lazy<string[]> MandatoryElements = new(() =>
        [.. SearchParameterCatalog.ResourceTypes
            .SelectMany(t => ModelInfo.ModelInspector.FindClassMapping(t)?.PropertyMappings ?? [])
            .Where(p => p.IsMandatoryElement)
            .Select(p => p.Name)
            .Distinct(StringComparer.Ordinal)]);

    internal static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 60 ? value : value[..60] + "...";
}
