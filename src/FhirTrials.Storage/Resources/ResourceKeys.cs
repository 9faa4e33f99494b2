using System.Globalization;
using System.Text.RegularExpressions;

namespace FhirTrials.Storage.Resources;

/// <summary>Keys of the resource and history tables. FHIR ids ([A-Za-z0-9-.]{1,64}) are valid table keys as they are.</summary>
public static partial class ResourceKeys
{
    public static bool IsValid(string? resourceType, string? id) =>
        resourceType is not null && id is not null && TypePattern().IsMatch(resourceType) && IdPattern().IsMatch(id);

    public static void Validate(string? resourceType, string? id)
    {
        if (resourceType is null || !TypePattern().IsMatch(resourceType))
        {
            throw new ArgumentException($"'{resourceType}' is not a FHIR resource type name.", nameof(resourceType));
        }

        if (id is null || !IdPattern().IsMatch(id))
        {
            throw new ArgumentException(
                $"The {resourceType} id '{id}' is not a valid FHIR id (1 to 64 letters, digits, '-' or '.').", nameof(id));
        }
    }

    /// <summary>
    /// All versions of all resources of a type share one partition, so the history rows of many resources written
    /// together go in 100-operation transactions (a partition per resource would cost one request per row).
    /// </summary>
    public static string HistoryPartition(string resourceType) => resourceType;

    /// <summary>
    /// The id, a space (below every character of an id, so one id's rows never interleave with a longer id's), then the
    /// version inverted and zero-padded: a resource's versions are one RowKey range, newest first; a vread is one point read.
    /// </summary>
    public static string HistoryRow(string id, int version) => id + " " + (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The RowKey range [from, to) holding the versions of <paramref name="id"/> up to <paramref name="newest"/>.</summary>
    public static (string From, string To) HistoryRange(string id, int newest) => (HistoryRow(id, newest), id + "!");

    public static bool TryParseVersion(string? versionId, out int version) =>
        int.TryParse(versionId, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    [GeneratedRegex("^[A-Z][A-Za-z]{1,63}$")]
    private static partial Regex TypePattern();

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
