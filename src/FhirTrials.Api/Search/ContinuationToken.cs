using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FhirTrials.Api.Errors;

namespace FhirTrials.Api.Search;

/// <summary>
/// The opaque cursor in <c>next</c> links: the position reached (last id and offset), the fingerprint of the query it
/// belongs to and when it was issued, HMAC-SHA256 signed (truncated to 128 bits) and base64url encoded. A forged,
/// altered, foreign-query or expired token is a 400, never an exception.
/// </summary>
public sealed class ContinuationToken(byte[] key, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const byte Version = 1;
    private const int MacLength = 16;
    private const int FingerprintLength = 8;

    private readonly byte[] _key = key ?? throw new ArgumentNullException(nameof(key));

    public string Create(string queryFingerprint, int offset, string lastId)
    {
        ArgumentNullException.ThrowIfNull(lastId);
        var id = Encoding.UTF8.GetBytes(lastId);
        var payload = new byte[1 + FingerprintLength + 8 + 4 + id.Length];
        payload[0] = Version;
        Fingerprint(queryFingerprint).CopyTo(payload, 1);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1 + FingerprintLength), time.GetUtcNow().ToUnixTimeSeconds());
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(1 + FingerprintLength + 8), offset);
        id.CopyTo(payload, 1 + FingerprintLength + 12);
        var mac = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        return Base64Url.EncodeToString([.. payload, .. mac]);
    }

    public (int Offset, string LastId) Read(string token, string queryFingerprint)
    {
        ArgumentNullException.ThrowIfNull(token);
        byte[] bytes;
        try
        {
            bytes = token.Length <= 512 ? Base64Url.DecodeFromChars(token) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw Invalid("is not a continuation token of this server");
        }

        const int header = 1 + FingerprintLength + 12;
        if (bytes.Length < header + MacLength || bytes[0] != Version)
        {
            throw Invalid("is not a continuation token of this server");
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        var expected = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacLength)))
        {
            throw Invalid("was altered or not issued by this server");
        }

        if (!payload.Slice(1, FingerprintLength).SequenceEqual(Fingerprint(queryFingerprint)))
        {
            throw Invalid("belongs to a different search");
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload[(1 + FingerprintLength)..]));
        if (time.GetUtcNow() - issued > Lifetime)
        {
            throw Invalid("has expired; run the search again");
        }

        var offset = BinaryPrimitives.ReadInt32BigEndian(payload[(1 + FingerprintLength + 8)..]);
        return (Math.Max(0, offset), Encoding.UTF8.GetString(payload[header..]));
    }

    private static byte[] Fingerprint(string query) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, FingerprintLength).ToArray();

    private static FhirException Invalid(string reason) =>
        FhirException.BadRequest($"The continuation token {reason}.");
}
