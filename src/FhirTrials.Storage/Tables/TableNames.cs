namespace FhirTrials.Storage.Tables;

/// <summary>
/// The names of every table and the payload container, derived from one prefix so several deployments (or tests)
/// can share a storage account without seeing each other's data.
/// </summary>
public sealed record TableNames
{
    // Longest role name below, so prefix + role stays within the 63-character table name limit.
    private const int LongestRole = 10;

    public TableNames(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length is 0 or > 63 - LongestRole || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"Table prefix '{prefix}' is not valid: it must start with a letter, hold only letters and digits, and be 1 to {63 - LongestRole} characters long.",
                nameof(prefix));
        }

        Prefix = prefix;
    }

    public string Prefix { get; }

    /// <summary>Current version of each resource: PK resource type, RK id.</summary>
    public string Resources => Prefix + "Resources";

    /// <summary>Every version: PK resource type, RK id + inverted version number (newest first).</summary>
    public string History => Prefix + "History";

    /// <summary>Search index: PK type_parameter, RK encoded key + id + version.</summary>
    public string Index => Prefix + "Index";

    /// <summary>Ingestion log: one entry per blob version, listed newest first overall, by blob and by outcome.</summary>
    public string Ingestions => Prefix + "Ingestions";

    /// <summary>Per-source trial records and the trial's merge state: PK trial key.</summary>
    public string Sources => Prefix + "Sources";

    /// <summary>Registry identifier (NCT, EudraCT, CTIS) to trial key.</summary>
    public string Aliases => Prefix + "Aliases";

    /// <summary>Blob watcher receipts: PK encoded blob name, RK encoded ETag (see <see cref="Ingestion.BlobReceipts"/>).</summary>
    public string Receipts => Prefix + "Receipts";

    /// <summary>Change index: PK resource type, RK inverted lastUpdated + id + version (see <see cref="Changes.ChangeRows"/>).</summary>
    public string Changes => Prefix + "Changes";

    /// <summary>Bulk export jobs and their output files (see <see cref="Export.ExportJobs"/>).</summary>
    public string Exports => Prefix + "Exports";

    /// <summary>Blob container of bulk export output (NDJSON files under the job id).</summary>
    public string ExportContainer => Prefix.ToLowerInvariant() + "-exports";

    /// <summary>Blob container for payloads too large for one table entity (lower case, as container names must be).</summary>
    public string PayloadContainer => Prefix.ToLowerInvariant() + "-payloads";

    public IReadOnlyList<string> AllTables => [Resources, History, Index, Ingestions, Sources, Aliases, Receipts, Changes, Exports];
}
