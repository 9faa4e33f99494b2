namespace FhirTrials.Api;

/// <summary>
/// Settings of the REST engine and its hosts, read by flat names like <see cref="Storage.ServiceSettings"/>.
/// </summary>
public sealed record ApiSettings
{
    public const string CorsOriginsName = "CorsOrigins";
    public const string ResponseCompressionName = "ResponseCompression";
    public const string ContinuationKeyName = "ContinuationKey";
    public const string StorageBudgetName = "StorageBudgetSeconds";

    /// <summary>
    /// How long the storage calls of one API request may take together before it ends with 503 and Retry-After.
    /// 10 s: well under the 30 s EHR clients and gateways commonly give up at, and far above a healthy read (tens of ms).
    /// </summary>
    public static readonly TimeSpan DefaultStorageBudget = TimeSpan.FromSeconds(10);

    /// <summary>Browser origins allowed by CORS ("*" for any); empty: CORS off.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public bool ResponseCompression { get; init; } = true;

    /// <summary>HMAC key of continuation tokens (base64, at least 16 bytes); null: one generated once and kept in
    /// storage (see <see cref="Data.ContinuationKeyStore"/>).</summary>
    public byte[]? ContinuationKey { get; init; }

    public TimeSpan StorageBudget { get; init; } = DefaultStorageBudget;

    public static ApiSettings From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var key = lookup(ContinuationKeyName);
        return new ApiSettings
        {
            CorsOrigins = (lookup(CorsOriginsName) ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ResponseCompression = !bool.TryParse(lookup(ResponseCompressionName), out var compress) || compress,
            ContinuationKey = string.IsNullOrWhiteSpace(key) ? null : DecodeKey(key),
            StorageBudget = Budget(lookup(StorageBudgetName)),
        };
    }

    private static TimeSpan Budget(string? seconds)
    {
        if (string.IsNullOrWhiteSpace(seconds))
        {
            return DefaultStorageBudget;
        }

        return double.TryParse(seconds, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 300
            ? TimeSpan.FromSeconds(value)
            : throw new InvalidOperationException($"{StorageBudgetName} must be a number of seconds from 0 to 300, not '{seconds}'.");
    }

    private static byte[] DecodeKey(string key)
    {
        try
        {
            var bytes = Convert.FromBase64String(key);
            return bytes.Length >= 16 ? bytes : throw new InvalidOperationException($"{ContinuationKeyName} must hold at least 16 bytes.");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{ContinuationKeyName} is not base64.", e);
        }
    }
}
