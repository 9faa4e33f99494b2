using FhirTrials.Storage.Archives;

namespace FhirTrials.Storage;

/// <summary>
/// The settings both hosts and the CLI read, by the same flat names (Functions app settings, local.settings.json
/// "Values", environment variables, appsettings.json): one list so they cannot drift apart.
/// </summary>
public sealed record ServiceSettings
{
    public const string StorageConnectionName = "TrialStorage";
    public const string IncomingContainerName = "IncomingContainer";
    public const string PoisonContainerName = "PoisonContainer";
    public const string TablePrefixName = "TablePrefix";
    public const string PublicBaseUrlName = "PublicBaseUrl";
    public const string MaxBlobBytesName = "MaxBlobBytes";

    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    // Identity-based connection (Azure Functions convention: <connection>__blobServiceUri, read as <connection>:blobServiceUri).
    public const string BlobServiceUriName = StorageConnectionName + ":blobServiceUri";
    public const string TableServiceUriName = StorageConnectionName + ":tableServiceUri";

    public string StorageConnection { get; init; } = DevelopmentStorage;
    public string IncomingContainer { get; init; } = "incoming";
    public string PoisonContainer { get; init; } = "incoming-poison";
    public string TablePrefix { get; init; } = "fhirtrials";
    /// <summary>Absolute base for fullUrl and links (e.g. behind a proxy); null: taken from each request.</summary>
    public Uri? PublicBaseUrl { get; init; }
    /// <summary>
    /// Larger blobs are refused from their size, before download. 64 MiB admits a full CT.gov API page (30-60 MB, read
    /// study by study); other formats are refused past the reader's own 16 MB from their first bytes.
    /// </summary>
    public long MaxBlobBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Limits of ZIP archives dropped in the incoming container (ArchiveMaxBytes, ArchiveMaxEntries, ...).</summary>
    public ArchiveLimits Archives { get; init; } = new();

    /// <summary>With both service URIs set (and no connection string), storage is reached with a managed identity.</summary>
    public Uri? BlobServiceUri { get; init; }
    public Uri? TableServiceUri { get; init; }

    public bool UsesIdentity => BlobServiceUri is not null && TableServiceUri is not null;

    /// <param name="lookup">Reads one setting by name (IConfiguration indexer, environment, local.settings.json).</param>
    public static ServiceSettings From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var defaults = new ServiceSettings();
        var baseUrl = lookup(PublicBaseUrlName);
        return new ServiceSettings
        {
            StorageConnection = NonEmpty(lookup(StorageConnectionName)) ?? defaults.StorageConnection,
            BlobServiceUri = AbsoluteUri(lookup(BlobServiceUriName) ?? lookup(BlobServiceUriName.Replace(":", "__", StringComparison.Ordinal))),
            TableServiceUri = AbsoluteUri(lookup(TableServiceUriName) ?? lookup(TableServiceUriName.Replace(":", "__", StringComparison.Ordinal))),
            IncomingContainer = NonEmpty(lookup(IncomingContainerName)) ?? defaults.IncomingContainer,
            PoisonContainer = NonEmpty(lookup(PoisonContainerName)) ?? defaults.PoisonContainer,
            TablePrefix = NonEmpty(lookup(TablePrefixName)) ?? defaults.TablePrefix,
            PublicBaseUrl = NonEmpty(baseUrl) is { } url
                ? new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute)
                : null,
            MaxBlobBytes = long.TryParse(lookup(MaxBlobBytesName), out var max) && max > 0 ? max : defaults.MaxBlobBytes,
            Archives = ArchiveLimits.From(lookup),
        };
    }

    private static Uri? AbsoluteUri(string? value) =>
        Uri.TryCreate(NonEmpty(value), UriKind.Absolute, out var uri) ? uri : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
