using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Deterministic FHIR ids ([A-Za-z0-9\-\.]{1,64}) from a kind prefix and the thing's own identity, so the same
/// sponsor, person or facility gets the same id in every trial and every run.
/// </summary>
public static class FhirIds
{
    public const int MaxLength = 64;

    /// <summary><paramref name="prefix"/>-slug(identity); too long ids keep a readable head and end in a hash of the
    /// whole identity, so two long names that share a head still differ.</summary>
    public static string Make(string prefix, string identity)
    {
        var slug = Slug(identity);
        var id = slug.Length == 0 ? prefix + "-" + Hash(identity, 16) : prefix + "-" + slug;
        if (id.Length <= MaxLength)
        {
            return id;
        }

        var hash = Hash(slug, 12);
        return id[..(MaxLength - hash.Length - 1)].TrimEnd('-') + "-" + hash;
    }

    /// <summary>Lower-case ASCII letters and digits joined by single hyphens; accents folded (é -> e).</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    /// <summary>The first <paramref name="hexChars"/> hex digits of the SHA-256 of the text.</summary>
    public static string Hash(string text, int hexChars) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexChars];

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
