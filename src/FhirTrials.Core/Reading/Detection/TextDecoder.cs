using System.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Detection;

/// <summary>The document's characters, the encoding they were read with, and what had to be repaired.</summary>
/// <param name="RemovedControlCharacters">How many NUL/control characters were removed (many means binary data).</param>
/// <param name="Repaired">True when the text differs from a plain UTF-8 reading of the bytes.</param>
internal sealed record DecodedText(string Text, string EncodingName, IReadOnlyList<ReadWarning> Warnings, int RemovedControlCharacters, bool Repaired);

/// <summary>
/// Turns document bytes into text from the content alone: byte-order marks, UTF-16 without a BOM (recognised by its
/// NUL-byte pattern), UTF-8, and Windows-1252 for pages saved by older tools, so "Hôpital" and "Jérôme" survive.
/// NUL and other control characters are removed with a warning.
/// </summary>
internal static class TextDecoder
{
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        var warnings = new List<ReadWarning>();
        var (encoding, bomLength, name) = DetectEncoding(bytes, warnings);
        var text = encoding.GetString(bytes[bomLength..]);
        var cleaned = RemoveControlCharacters(text, warnings, out var removed);
        return new DecodedText(cleaned, name, warnings, removed, removed > 0 || warnings.Count > 0 || encoding is not UTF8Encoding || bomLength > 0);
    }

    /// <summary>Length of a UTF-8 byte-order mark at the start, or 0.</summary>
    public static int Utf8BomLength(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Utf8Bom) ? 3 : 0;

    /// <summary>True when the bytes are UTF-8 (or ASCII) with no BOM of another encoding and no UTF-16 NUL pattern.</summary>
    public static bool LooksLikeUtf8(ReadOnlySpan<byte> head)
    {
        var (encoding, _, _) = DetectEncoding(head, []);
        return encoding is UTF8Encoding;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static (Encoding Encoding, int BomLength, string Name) DetectEncoding(ReadOnlySpan<byte> bytes, List<ReadWarning> warnings)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            return (StrictUtf8OrReplacing(bytes[3..], warnings), 3, "UTF-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4, "UTF-32LE");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4, "UTF-32BE");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2, "UTF-16LE");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2, "UTF-16BE");
        }

        switch (Utf16Pattern(bytes))
        {
            case false:
                warnings.Add(new ReadWarning(null, "The file is UTF-16 (little-endian) without a byte-order mark; it was read as such."));
                return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 0, "UTF-16LE");
            case true:
                warnings.Add(new ReadWarning(null, "The file is UTF-16 (big-endian) without a byte-order mark; it was read as such."));
                return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 0, "UTF-16BE");
        }

        var (validMultiByte, invalid) = CountUtf8Sequences(bytes);
        if (invalid == 0)
        {
            return (new UTF8Encoding(false), 0, "UTF-8");
        }

        if (validMultiByte == 0)
        {
            warnings.Add(new ReadWarning(null, "The file is not UTF-8; it was read as Windows-1252 (Western European)."));
            return (Windows1252, 0, "Windows-1252");
        }

        return (StrictUtf8OrReplacing(bytes, warnings), 0, "UTF-8");
    }

    private static UTF8Encoding StrictUtf8OrReplacing(ReadOnlySpan<byte> bytes, List<ReadWarning> warnings)
    {
        var (_, invalid) = CountUtf8Sequences(bytes);
        if (invalid > 0)
        {
            warnings.Add(new ReadWarning(null, $"The file has {invalid} invalid UTF-8 byte sequence(s); they were replaced with U+FFFD."));
        }

        return new UTF8Encoding(false);
    }

    private static Encoding Windows1252 { get; } =
        CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>null: not UTF-16; false: little-endian; true: big-endian. ASCII-range text in UTF-16 has a NUL in
    /// every other byte, which text in any 8-bit encoding never has.</summary>
    private static bool? Utf16Pattern(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 4)
        {
            return null;
        }

        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenNuls += sample[i] == 0 ? 1 : 0;
            oddNuls += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        if (oddNuls > pairs * 0.4 && evenNuls < pairs * 0.05)
        {
            return false;
        }

        return evenNuls > pairs * 0.4 && oddNuls < pairs * 0.05 ? true : null;
    }

    private static (int ValidMultiByte, int Invalid) CountUtf8Sequences(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] < 0x80)
            {
                var ascii = bytes[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (ascii < 0)
                {
                    break;
                }

                i += ascii;
                continue;
            }

            var length = SequenceLength(bytes[i..]);
            if (length == 0)
            {
                invalid++;
                i++;
            }
            else
            {
                valid++;
                i += length;
            }
        }

        return (valid, invalid);
    }

    /// <summary>Length of the well-formed UTF-8 sequence starting the span (2-4 bytes), or 0 when it is not one.</summary>
    private static int SequenceLength(ReadOnlySpan<byte> s)
    {
        var lead = s[0];
        var (length, low, high) = lead switch
        {
            >= 0xC2 and <= 0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xED => (3, 0x80, 0x9F),
            >= 0xE1 and <= 0xEF => (3, 0x80, 0xBF),
            0xF0 => (4, 0x90, 0xBF),
            >= 0xF1 and <= 0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => (0, 0, 0),
        };
        if (length == 0 || s.Length < length || s[1] < low || s[1] > high)
        {
            return 0;
        }

        for (var k = 2; k < length; k++)
        {
            if (s[k] is < 0x80 or > 0xBF)
            {
                return 0;
            }
        }

        return length;
    }

    private static string RemoveControlCharacters(string text, List<ReadWarning> warnings, out int count)
    {
        count = 0;
        foreach (var c in text)
        {
            count += IsUnwanted(c) ? 1 : 0;
        }

        if (count == 0)
        {
            return text;
        }

        var cleaned = new StringBuilder(text.Length - count);
        foreach (var c in text)
        {
            if (!IsUnwanted(c))
            {
                cleaned.Append(c);
            }
        }

        warnings.Add(new ReadWarning(null, $"Removed {count} NUL or control character(s) from the text."));
        return cleaned.ToString();
    }

    // Tab, line feed, carriage return and form feed are layout; every other C0/C1 control is noise.
    private static bool IsUnwanted(char c) =>
        (c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f')) || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}
