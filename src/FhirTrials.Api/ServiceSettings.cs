using Microsoft.Extensions.Configuration;

namespace FhirTrials.Api;

/// <summary>
/// The settings both hosts read, by the same flat names (Functions app settings, local.settings.json "Values",
/// environment variables, appsettings.json): one list so the hosts cannot drift apart.
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

    public string StorageConnection { get; init; } = DevelopmentStorage;
    public string IncomingContainer { get; init; } = "incoming";
    public string PoisonContainer { get; init; } = "incoming-poison";
    public string TablePrefix { get; init; } = "fhirtrials";
    /// <summary>Absolute base for fullUrl and links (e.g. behind a proxy); null: taken from each request.</summary>
    public Uri? PublicBaseUrl { get; init; }
    public long MaxBlobBytes { get; init; } = 10 * 1024 * 1024;

    public static ServiceSettings From(IConfiguration configuration)
    {
        var defaults = new ServiceSettings();
        var baseUrl = configuration[PublicBaseUrlName];
        return new ServiceSettings
        {
            StorageConnection = NonEmpty(configuration[StorageConnectionName]) ?? defaults.StorageConnection,
            IncomingContainer = NonEmpty(configuration[IncomingContainerName]) ?? defaults.IncomingContainer,
            PoisonContainer = NonEmpty(configuration[PoisonContainerName]) ?? defaults.PoisonContainer,
            TablePrefix = NonEmpty(configuration[TablePrefixName]) ?? defaults.TablePrefix,
            PublicBaseUrl = NonEmpty(baseUrl) is { } url
                ? new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute)
                : null,
            MaxBlobBytes = long.TryParse(configuration[MaxBlobBytesName], out var max) && max > 0 ? max : defaults.MaxBlobBytes,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
