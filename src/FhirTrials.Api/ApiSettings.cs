namespace FhirTrials.Api;

/// <summary>
/// Settings of the REST engine and its hosts, read by flat names like <see cref="Storage.ServiceSettings"/>.
/// </summary>
public sealed record ApiSettings
{
    public const string CorsOriginsName = "CorsOrigins";
    public const string ResponseCompressionName = "ResponseCompression";
    public const string ContinuationKeyName = "ContinuationKey";

    /// <summary>Browser origins allowed by CORS ("*" for any); empty: CORS off.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public bool ResponseCompression { get; init; } = true;

    /// <summary>HMAC key of continuation tokens (base64, at least 16 bytes); null: one generated once and kept in
    /// storage (see <see cref="Data.ContinuationKeyStore"/>).</summary>
    public byte[]? ContinuationKey { get; init; }

    public static ApiSettings From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var key = lookup(ContinuationKeyName);
        return new ApiSettings
        {
            CorsOrigins = (lookup(CorsOriginsName) ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ResponseCompression = !bool.TryParse(lookup(ResponseCompressionName), out var compress) || compress,
            ContinuationKey = string.IsNullOrWhiteSpace(key) ? null : DecodeKey(key),
        };
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
