using System.Globalization;

namespace FhirTrials.Storage.Export;

/// <summary>Settings of bulk export, read by flat names like <see cref="ServiceSettings"/>.</summary>
public sealed record ExportOptions
{
    public const string SliceResourcesName = "ExportSliceResources";
    public const string RetentionHoursName = "ExportRetentionHours";

    /// <summary>
    /// Resources per work item and per output file: one table page (Azure returns at most 1,000 rows a request), a few
    /// seconds of work and a few MB of NDJSON held in memory.
    /// </summary>
    public int SliceResources { get; init; } = 1000;

    /// <summary>How long a finished export's files stay (the spec leaves it to the server; clients download at once).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);

    public static ExportOptions From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var defaults = new ExportOptions();
        return new ExportOptions
        {
            SliceResources = int.TryParse(lookup(SliceResourcesName), NumberStyles.None, CultureInfo.InvariantCulture, out var slice) && slice is > 0 and <= 1000
                ? slice
                : defaults.SliceResources,
            Retention = double.TryParse(lookup(RetentionHoursName), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0
                ? TimeSpan.FromHours(hours)
                : defaults.Retention,
        };
    }
}
