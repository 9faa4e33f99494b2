using System.Globalization;
using Azure.Data.Tables;

namespace FhirTrials.Storage.Changes;

/// <summary>
/// The change index: one row per version written, in the Changes table, partition = resource type, row key =
/// lastUpdated inverted (newest first) + id + version. "What changed after T" is the row range below T's key, so
/// <c>_since</c> exports and type or system <c>_history</c> read what changed and nothing else.
/// </summary>
/// <remarks>
/// Rows are written with a version's index rows, before its commit, and never deleted with them: every committed
/// version has its row. A row may name a version that is not committed yet, or one a crashed writer claimed and
/// another took over (same version number, other lastUpdated): readers keep a row only when the version is
/// committed and its stored lastUpdated is the row's (<see cref="ChangeReader"/>).
/// </remarks>
public static class ChangeRows
{
    public const string IdColumn = "Id";
    public const string VersionColumn = "VersionId";
    public const string LastUpdatedColumn = "LastUpdated";

    public static TableEntity Build(string resourceType, string id, int version, DateTimeOffset lastUpdated) =>
        new(resourceType, TimeKey(lastUpdated) + " " + id + " " + version.ToString("D10", CultureInfo.InvariantCulture))
        {
            [IdColumn] = id,
            [VersionColumn] = version,
            [LastUpdatedColumn] = lastUpdated,
        };

    /// <summary>
    /// The key prefix of an instant: ticks inverted, zero-padded, so later instants sort first. A row of instant t sorts
    /// after <c>TimeKey(t)</c> itself (a longer string) and before <c>TimeKey(t - 1 tick)</c>.
    /// </summary>
    public static string TimeKey(DateTimeOffset instant) =>
        (DateTimeOffset.MaxValue.UtcTicks - instant.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The row key range [from, to) of the versions with <paramref name="since"/> &lt; lastUpdated &lt;= <paramref name="until"/>.</summary>
    public static (string From, string To) Range(DateTimeOffset? since, DateTimeOffset until) =>
        (TimeKey(until), since is { } s ? TimeKey(s) : "~");
}
