using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Search;

/// <summary>
/// Row keys of the index table: <c>encode(key) + " 0" + id + " " + version</c>, so rows sort by key, then id, then
/// version, and an exact, prefix or range lookup is one RowKey range inside one partition.
/// </summary>
/// <remarks>
/// The encoding maps each character on its own, keeps ordinal order and never emits a character Azure forbids in
/// keys: a forbidden character becomes its allowed predecessor followed by '1', and that predecessor itself becomes
/// predecessor + '0' (e.g. '.' -> ".0", '/' -> ".1"). Space becomes " 2" and control characters " 1xx", which leaves
/// " 0" lower than any encoded character: the separator before the id, so "ab" + id sorts before "ab c".
/// </remarks>
public static class IndexRowKey
{
    public const string Separator = " 0";

    /// <summary>Room for the separator, a 64-character FHIR id, the version and slack, within the 512-character key limit.</summary>
    public const int MaxEncodedKeyChars = TableLimits.MaxKeyChars - 96;

    private const int HashSuffixChars = 18;

    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var output = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            AppendEncoded(output, c);
        }

        return output.ToString();
    }

    /// <summary>
    /// The encoded key for a row key or an exact lookup. A key too long for a row key is cut at a character boundary
    /// and given " 3" + a hash of the whole key, so two long keys sharing their first 400 characters stay distinct rows.
    /// </summary>
    public static (string Encoded, bool Truncated) EncodeBounded(string key)
    {
        var (cut, truncated) = Cut(key, MaxEncodedKeyChars - HashSuffixChars);
        if (!truncated)
        {
            var (whole, longer) = Cut(key, MaxEncodedKeyChars);
            if (!longer)
            {
                return (whole, false);
            }
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 8);
        return (cut + " 3" + hash, true);
    }

    /// <summary>The encoded key cut to fit a row key, for prefix and range bounds (the stored Key then decides).</summary>
    public static (string Encoded, bool Truncated) EncodePrefix(string key) => Cut(key, MaxEncodedKeyChars - HashSuffixChars);

    private static (string Encoded, bool Truncated) Cut(string key, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(key);
        var output = new StringBuilder();
        foreach (var c in key)
        {
            var before = output.Length;
            AppendEncoded(output, c);
            // Never split a surrogate pair: Azure rejects a key that ends in a lone high surrogate.
            if (output.Length > maxChars || (output.Length == maxChars && char.IsHighSurrogate(c)))
            {
                output.Length = before;
                return (output.ToString(), true);
            }
        }

        return (output.ToString(), false);
    }

    public static string RowKey(string encodedKey, string id, int version) =>
        encodedKey + Separator + id + " " + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixUpperBound(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix.Length == 0 ? "\uFFFF" : prefix[..^1] + (char)(prefix[^1] + 1);
    }

    private static void AppendEncoded(StringBuilder output, char c)
    {
        switch (c)
        {
            case < ' ':
                output.Append(" 1").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                break;
            case ' ':
                output.Append(" 2");
                break;
            case '"' or '.' or '>' or '[':
                output.Append(c).Append('0');
                break;
            case '#' or '/' or '?' or '\\':
                output.Append((char)(c - 1)).Append('1');
                break;
            case '~':
                output.Append("~0");
                break;
            case >= '\u007F' and <= '\u009F':
                output.Append("~1").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                break;
            default:
                output.Append(c);
                break;
        }
    }
}
