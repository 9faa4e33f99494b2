using System.Buffers;
using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Shapes of a line that make it a label without a separator, or a label-like line the dictionary does not know.</summary>
internal static class LabelShapes
{
    // "Status Recruiting": accepted only when the rest is a value of that very field, so "Inclusion Body Myositis"
    // is never read as the inclusion label.
    public static bool TryRunOnLabel(PageLine line, out PageSection section)
    {
        section = null!;
        if (line.Text.Length > 80 || !LabelDictionary.TryMatchPrefix(line.Text, out var match, out var value) || !FieldValues.Accepts(match.Field, value))
        {
            return false;
        }

        section = new PageSection(match.Field, LabelShape.Colon, line, match.Qualifier);
        section.InlineValues.Add(value);
        return true;
    }

    // "Funding source", "Ethics approval": one to four words, capitalised, no digits. Longer text ending in a
    // colon is a sentence introducing a list, not a label.
    public static bool LooksLikeLabel(string text)
    {
        var trimmed = LabelDictionary.WithoutItemNumber(text);
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 4 && trimmed.Length <= 40 && char.IsUpper(trimmed[0]) && !trimmed.Any(char.IsDigit);
    }

    // "6 participants in 1 patient group", "50 participants in 2 patient groups, including a placebo group" (Veeva).
    public static bool IsGroupCountHeading(string text)
    {
        // Most lines start with a letter: only a line whose first letter or digit is an ASCII digit is keyed.
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                break;
            }

            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        var words = TextKey.Of(text).Split(' ');
        return words.Length >= 5 && int.TryParse(words[0], out _) && words[1] == "participants" && words[2] == "in"
            && int.TryParse(words[3], out _);
    }

    // "France | |" opens a list of sites on pages that lost their "Locations" label.
    public static bool IsCountryRow(PageLine line)
    {
        if (!line.HasPipe)
        {
            return false;
        }

        var cells = PipeRowParser.Cells(line.Text);
        return cells.Count == 1 && PageVocabulary.IsCountry(cells[0]);
    }

    // A short line with no closing punctuation right above a paragraph: a heading the dictionary does not know.
    public static bool IsProseHeading(PageLine line, PageLine? next) =>
        next is { IsBlank: false, Marker: ListMarker.None } && next.Content.Length >= ProseLength && next.Content.EndsWith('.')
        && line.Marker == ListMarker.None && !line.HasPipe && line.Content.Split(' ').Length <= HeadingWords
        && !line.Content.AsSpan().ContainsAnyInRange('0', '9') && !line.Content.AsSpan().ContainsAny(HeadingPunctuation);

    private static readonly SearchValues<char> HeadingPunctuation = SearchValues.Create(".,:;(|");

    // "Sponsor" then "Sponsor name" (CTIS), "Name of Sponsor": a label naming its field's name is a sub-label, never a value.
    public static bool NamesItsField(string text)
    {
        var key = TextKey.Of(text);
        return key.EndsWith(" name", StringComparison.Ordinal) || key.StartsWith("name of ", StringComparison.Ordinal);
    }

    // Words a sub-label naming a party's name is made of: "Name", "Organisation", "Institute", "Name of organization / entity".
    private static readonly FrozenSet<string> NameWords = new[]
    {
        "name", "names", "of", "the", "organisation", "organization", "entity", "institute", "institution", "and", "or",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NameHeads = new[] { "name", "organisation", "organization", "institute", "institution" }
        .ToFrozenSet(StringComparer.Ordinal);

    private const int NameSubLabelWords = 5;

    /// <summary>A label made only of name words ("Name", "Organisation", "Institute", "Name of organization / entity").</summary>
    public static bool IsNameSubLabel(string text)
    {
        var words = TextKey.Of(text).Split(' ');
        return words.Length <= NameSubLabelWords && words.All(NameWords.Contains) && words.Any(NameHeads.Contains);
    }

    /// <summary>
    /// A name sub-label under a sponsor heading gives the sponsor's name: "Sponsor information" then "Organisation"
    /// (ISRCTN), "Sponsor" then "Name of organization / entity" (IRCT), "Sponsor or person" then "Institute" (UMIN),
    /// "Primary Sponsor" then "Name | ..." (CTRI), "Primary sponsor type" then "Name" (ANZCTR). The heading counts
    /// without a trailing "information", "details" or "type".
    /// </summary>
    public static PageField? PartyOfNameSubLabel(string text, string heading)
    {
        if (!IsNameSubLabel(text))
        {
            return null;
        }

        var key = TextKey.Of(heading);
        foreach (var suffix in (string[])[" information", " details", " type"])
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal))
            {
                key = key[..^suffix.Length];
            }
        }

        return LabelDictionary.TryMatch(key, out var match) && match.Field is PageField.Sponsor ? match.Field : null;
    }

    private const int ProseLength = 80;
    private const int HeadingWords = 5;
}
