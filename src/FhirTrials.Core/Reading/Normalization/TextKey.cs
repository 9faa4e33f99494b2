using System.Buffers;
using System.Text;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// The comparison form of a short label or value: lower case, accents removed, every run of punctuation or
/// white space collapsed to one space. "Active, not recruiting" and "ACTIVE_NOT_RECRUITING" both become
/// "active not recruiting", so vocabularies are written once as plain words.
/// </summary>
public static class TextKey
{
    // Latin letters with diacritics fold to their base letter ("é" -> "e"), from a table built once for the Latin
    // blocks; other characters stay as they are.
    private static readonly char[] LatinFolds = BuildLatinFolds();

    private const int StackLimit = 256;

    public static string Of(ReadOnlySpan<char> text)
    {
        // The key is never longer than the text: a page line's key is built on the stack, a long paragraph's in a
        // pooled buffer, and only the key itself is allocated.
        char[]? rented = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var key = new string(buffer[..Write(text, buffer)]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return key;
    }

    /// <summary>A string that already is its own key (most labels and short values once keyed) is returned as it is.</summary>
    public static string Of(string? text) => text is null ? string.Empty : IsKey(text) ? text : Of(text.AsSpan());

    /// <summary>Writes the key of <paramref name="text"/> into <paramref name="destination"/> (at least as long as the
    /// text) and returns its length: for lookups that need the key only for a moment.</summary>
    public static int Write(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            var folded = Fold(c);
            if (char.IsLetterOrDigit(folded))
            {
                if (pendingSpace && length > 0)
                {
                    destination[length++] = ' ';
                }

                pendingSpace = false;
                destination[length++] = char.ToLowerInvariant(folded);
            }
            else
            {
                pendingSpace = true;
            }
        }

        return length;
    }

    /// <summary>Whether the key of <paramref name="text"/> starts with <paramref name="keyPrefix"/> (itself a key),
    /// read without building the key of the whole text.</summary>
    public static bool StartsWith(ReadOnlySpan<char> text, string keyPrefix)
    {
        // The key of the text's start is the start of the text's key: a few times the prefix's length of text is keyed
        // on the stack, and the whole text only when that start was mostly punctuation.
        Span<char> buffer = stackalloc char[StackLimit];
        var probe = text[..Math.Min(text.Length, Math.Min(StackLimit, (4 * keyPrefix.Length) + 16))];
        var length = Write(probe, buffer);
        return length >= keyPrefix.Length || probe.Length == text.Length
            ? buffer[..length].StartsWith(keyPrefix, StringComparison.Ordinal)
            : Of(text).StartsWith(keyPrefix, StringComparison.Ordinal);
    }

    /// <summary>The number of words of a key (its spaces plus one; none for the empty key).</summary>
    public static int WordCount(ReadOnlySpan<char> key) => key.Length == 0 ? 0 : key.Count(' ') + 1;

    /// <summary>Whether a key holds <paramref name="word"/> as a whole word.</summary>
    public static bool HasWord(ReadOnlySpan<char> key, string word)
    {
        var from = 0;
        for (var at = key.IndexOf(word, StringComparison.Ordinal); at >= 0; at = key[from..].IndexOf(word, StringComparison.Ordinal))
        {
            at += from;
            var end = at + word.Length;
            if ((at == 0 || key[at - 1] == ' ') && (end == key.Length || key[end] == ' '))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    private static bool IsKey(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var keyChar = c is (>= 'a' and <= 'z') or (>= '0' and <= '9')
                || (c == ' ' && i > 0 && i < text.Length - 1 && text[i - 1] != ' ');
            if (!keyChar)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key with its spaces removed too, for matching enum member names (<c>NotYetRecruiting</c>).</summary>
    public static string Compact(ReadOnlySpan<char> text) => Of(text).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static char Fold(char c) => c < LatinFolds.Length ? LatinFolds[c] : c;

    private static char[] BuildLatinFolds()
    {
        var folds = new char[0x0250];
        for (var i = 0; i < folds.Length; i++)
        {
            var c = (char)i;
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            folds[i] = i >= 128 && decomposed.Length > 0 && decomposed[0] < 128 && char.IsLetter(decomposed[0]) ? decomposed[0] : c;
        }

        return folds;
    }
}
