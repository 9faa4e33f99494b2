using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Reading.Text.Labels;

namespace FhirTrials.Core.Reading.Text;

/// <summary>A label found on a line: the field it introduces and the estimated/actual word it carried, if any.</summary>
internal readonly record struct LabelMatch(PageField Field, string Qualifier);

/// <summary>
/// Field labels and their synonyms across registries and aggregators, in English, German, French, Spanish and
/// Portuguese (the sets are data, in <c>Labels/</c>, one file per group of WHO TRDS items): a site whose labels are
/// listed there is read without code changes. Labels are compared by <see cref="TextKey"/>, after a leading
/// "Actual"/"Estimated"/"Anticipated" word is set aside as the value's qualifier; a registry's item number before
/// the label ("E.1.1 Medical condition(s) being investigated") and a repeat index after it ("Primary outcome [1]")
/// are not part of it.
/// </summary>
internal static class LabelDictionary
{
    /// <summary>Every label set, in precedence order: where two sets share a label, the first keeps it.</summary>
    public static IReadOnlyList<LabelSet> Sets { get; } =
        [.. RegistrationLabels.Sets, .. PartyLabels.Sets, .. StudyLabels.Sets, .. EligibilityLabels.Sets, .. OutcomeAndDisclosureLabels.Sets];

    private static readonly FrozenDictionary<string, PageField> Labels = Build(Sets);

    // Before or after the label, in the five languages: "Tatsächliches Studienende", "Date de début prévue", "Fecha de inicio real".
    private static readonly string[] Qualifiers =
    [
        "actual", "estimated", "anticipated", "expected", "planned", "target",
        "geplant", "geplanter", "geplante", "geplantes", "voraussichtlich", "voraussichtlicher", "voraussichtliche", "voraussichtliches",
        "tatsachlich", "tatsachlicher", "tatsachliche", "tatsachliches", "prevu", "prevue", "prevus", "reel", "reelle", "estimado", "estimada",
        "previsto", "prevista", "real",
    ];

    private static readonly FrozenSet<string> QualifierSet = Qualifiers.ToFrozenSet(StringComparer.Ordinal);

    // Lines are keyed on the stack and looked up as spans: most lines of a page are tried and are no label.
    private static readonly FrozenDictionary<string, PageField>.AlternateLookup<ReadOnlySpan<char>> LabelsBySpan =
        Labels.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> QualifiersBySpan =
        QualifierSet.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxLabelLength = 120;

    public static bool TryMatch(ReadOnlySpan<char> label, out LabelMatch match)
    {
        match = default;
        if (label.Length is 0 or > MaxLabelLength)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[MaxLabelLength];
        var key = WithoutItemNumbers(label, buffer);
        if (LabelsBySpan.TryGetValue(key, out var field))
        {
            match = new LabelMatch(field, KindInside(key));
            return true;
        }

        // Qualifiers are whole words: the first or last word of the key is looked up, not every qualifier tried.
        var firstSpace = key.IndexOf(' ');
        if (firstSpace > 0 && QualifiersBySpan.TryGetValue(key[..firstSpace], out var leading))
        {
            var rest = key[(firstSpace + 1)..];
            if (LabelsBySpan.TryGetValue(rest, out field) || TryAfterSecondQualifier(rest, out field))
            {
                match = new LabelMatch(field, leading);
                return true;
            }
        }

        // "Study Start (Actual)", "Enrollment (Estimated)": CT.gov's current pages put the qualifier after the label.
        var lastSpace = key.LastIndexOf(' ');
        if (lastSpace > 0 && QualifiersBySpan.TryGetValue(key[(lastSpace + 1)..], out var trailing) && LabelsBySpan.TryGetValue(key[..lastSpace], out field))
        {
            match = new LabelMatch(field, trailing);
            return true;
        }

        // "Keywords provided by Assistance Publique": the label runs on into its value.
        if (key.StartsWith("keywords provided by ", StringComparison.Ordinal))
        {
            match = new LabelMatch(PageField.Keywords, string.Empty);
            return true;
        }

        // "Acronym (If the trial has an acronym then please provide)", "Target sample size (number of participants)" (PACTR):
        // a note in brackets after the label.
        var trimmed = label.TrimEnd();
        var open = trimmed.LastIndexOf('(');
        return trimmed.EndsWith(')') && open > 0 && TryMatch(trimmed[..open], out match);
    }

    // "Number of participants that the trial has enrolled" (UMIN), "Total final enrolment" (ISRCTN), "Data prevista
    // para o primeiro recrutamento" (ReBEC): the kind is said inside the label; a label that says both says neither.
    private static string KindInside(ReadOnlySpan<char> key)
    {
        bool actual = false, estimated = false;
        foreach (var range in key.Split(' '))
        {
            var word = key[range];
            actual |= word is "final" or "enrolled" or "reached" or "achieved" or "actual";
            estimated |= word is "anticipated" or "expected" or "planned" or "estimated" or "prevista" or "previsto" or "prevue" or "prevu" or "geplante" or "geplanter" or "geplantes";
        }

        return actual == estimated ? string.Empty : actual ? "actual" : "estimated";
    }

    // "Anticipated target sample size": two qualifiers, the first one says the kind.
    private static bool TryAfterSecondQualifier(ReadOnlySpan<char> key, out PageField field)
    {
        field = default;
        var space = key.IndexOf(' ');
        return space > 0 && QualifiersBySpan.Contains(key[..space]) && LabelsBySpan.TryGetValue(key[(space + 1)..], out field);
    }

    /// <summary>
    /// A label run into its value with no separator ("Status Recruiting", "Sex All"), as HTML pages give when label
    /// and value are adjacent inline elements: the longest label the line starts with, and the rest.
    /// </summary>
    public static bool TryMatchPrefix(string text, out LabelMatch match, out string value)
    {
        match = default;
        value = string.Empty;
        var span = text.AsSpan();
        Span<Range> words = stackalloc Range[8];
        var count = 0;
        for (var at = 0; at < span.Length && count < words.Length;)
        {
            var start = at + span[at..].IndexOfAnyExcept(' ');
            if (start < at)
            {
                break;
            }

            var end = span[start..].IndexOf(' ');
            words[count++] = start..(end < 0 ? span.Length : start + end);
            at = end < 0 ? span.Length : start + end;
        }

        // The label is at most six words and leaves at least one word of value; the value's words are joined by one space.
        var wordCount = count == words.Length ? int.MaxValue : count;
        for (var take = Math.Min(6, wordCount - 1); take >= 1; take--)
        {
            if (TryMatch(span[words[0].Start..words[take - 1].End], out match))
            {
                value = string.Join(' ', text[words[take].Start.Value..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a "Label: value" line's label ends: at its colon or its tab ("CTRI Number&lt;TAB&gt;CTRI/2023/06/054318", a
    /// table copied as text), the tab after a registry's item number not counting ("A.3&lt;TAB&gt;Full title of the
    /// trial&lt;TAB&gt;...", EU CTR). -1 when there is none.
    /// </summary>
    public static int SeparatorIndex(string text)
    {
        var at = text.AsSpan().IndexOfAny(':', '\t');
        if (at > 0 && text[at] == '\t' && IsItemNumber(text.AsSpan(0, at)))
        {
            var next = text.AsSpan(at + 1).IndexOfAny(':', '\t');
            return next > 0 ? at + 1 + next : at;
        }

        return at;
    }

    /// <summary>The label without the registry's item number before it ("E.7.2 Therapeutic exploratory (Phase II)").</summary>
    public static string WithoutItemNumber(string label)
    {
        var trimmed = label.Trim();
        var space = trimmed.AsSpan().IndexOfAny(' ', '\t');
        return space > 0 && IsItemNumber(trimmed.AsSpan(0, space)) ? trimmed[(space + 1)..].Trim() : trimmed;
    }

    /// <summary>A label led by a registry's item number ("E.6&lt;TAB&gt;Scope of the trial"): an item of its own, never a value.</summary>
    public static bool HasItemNumber(string label) => WithoutItemNumber(label).Length < label.Trim().Length;

    // "A.3", "E.1.1.2", "B.3.1 and B.3.2": the EU CTR numbers its items.
    private static bool IsItemNumber(ReadOnlySpan<char> text)
    {
        var buffer = text.Length <= MaxLabelLength ? stackalloc char[MaxLabelLength] : new char[text.Length];
        var key = buffer[..TextKey.Write(text, buffer)];
        var first = key.IndexOf(' ');
        if (first != 1 || !char.IsAsciiLetter(key[0]))
        {
            return false;
        }

        foreach (var range in key[2..].Split(' '))
        {
            var word = key[2..][range];
            if (!(IsDigits(word) || word is "and" or "to" || (word.Length == 1 && char.IsAsciiLetter(word[0]))))
            {
                return false;
            }
        }

        return true;
    }

    // "E.1.1 Medical condition(s) being investigated" (EU CTR item numbers) and "Primary outcome [1]" (ANZCTR's
    // repeat index) name the same field as the bare label. The key is written into the buffer and a slice of it returned.
    private static ReadOnlySpan<char> WithoutItemNumbers(ReadOnlySpan<char> label, Span<char> buffer)
    {
        // "P.End of Trial Status": a section letter run into the label.
        if (label.Length > 3 && char.IsAsciiLetterUpper(label[0]) && label[1] == '.' && char.IsLetter(label[2]))
        {
            label = label[2..];
        }

        ReadOnlySpan<char> key = buffer[..TextKey.Write(label, buffer)];
        Span<Range> words = stackalloc Range[(MaxLabelLength / 2) + 1];
        var count = key.Split(words, ' ');
        var skip = 0;
        if (count > 2 && key[words[0]].Length == 1 && char.IsAsciiLetter(key[0]) && IsDigits(key[words[1]]))
        {
            skip = 1;
            while (skip < count - 1 && IsDigits(key[words[skip]]))
            {
                skip++;
            }
        }

        var take = count - skip;
        if (label.TrimEnd().EndsWith(']') && take > 1 && IsDigits(key[words[count - 1]]))
        {
            take--;
        }

        return skip == 0 && take == count ? key : key[words[skip].Start..words[skip + take - 1].End];
    }

    // Every character an ASCII digit (as LINQ's All, true for an empty word).
    private static bool IsDigits(ReadOnlySpan<char> word) => !word.ContainsAnyExceptInRange('0', '9');

    private static FrozenDictionary<string, PageField> Build(IEnumerable<LabelSet> sets)
    {
        var labels = new Dictionary<string, PageField>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var synonym in set.All)
            {
                labels.TryAdd(TextKey.Of(synonym), set.Field);
            }
        }

        return labels.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
