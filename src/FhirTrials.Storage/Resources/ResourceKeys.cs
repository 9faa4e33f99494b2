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

    public static string HistoryPartition(string resourceType, string id) => resourceType + "_" + id;

    /// <summary>Inverted and zero-padded so the newest version sorts first, and a vread is one point read.</summary>
    public static string HistoryRow(int version) => (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture);

    public static bool TryParseVersion(string? versionId, out int version) =>
        int.TryParse(versionId, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    [GeneratedRegex("^[A-Z][A-Za-z]{1,63}$")]
    private static partial Regex TypePattern();

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
