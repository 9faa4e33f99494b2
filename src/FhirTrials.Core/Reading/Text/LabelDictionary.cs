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

    public static bool TryMatch(ReadOnlySpan<char> label, out LabelMatch match)
    {
        match = default;
        if (label.Length is 0 or > 120)
        {
            return false;
        }

        var key = WithoutItemNumbers(label);
        if (Labels.TryGetValue(key, out var field))
        {
            match = new LabelMatch(field, KindInside(key));
            return true;
        }

        // Qualifiers are whole words: the first or last word of the key is looked up, not every qualifier tried.
        var firstSpace = key.IndexOf(' ', StringComparison.Ordinal);
        if (firstSpace > 0 && QualifierSet.TryGetValue(key[..firstSpace], out var leading))
        {
            var rest = key[(firstSpace + 1)..];
            if (Labels.TryGetValue(rest, out field) || TryAfterSecondQualifier(rest, out field))
            {
                match = new LabelMatch(field, leading);
                return true;
            }
        }

        // "Study Start (Actual)", "Enrollment (Estimated)": CT.gov's current pages put the qualifier after the label.
        var lastSpace = key.LastIndexOf(' ');
        if (lastSpace > 0 && QualifierSet.TryGetValue(key[(lastSpace + 1)..], out var trailing) && Labels.TryGetValue(key[..lastSpace], out field))
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
    private static string KindInside(string key)
    {
        var words = key.Split(' ');
        var actual = words.Any(w => w is "final" or "enrolled" or "reached" or "achieved" or "actual");
        var estimated = words.Any(w => w is "anticipated" or "expected" or "planned" or "estimated" or "prevista" or "previsto" or "prevue" or "prevu" or "geplante" or "geplanter" or "geplantes");
        return actual == estimated ? string.Empty : actual ? "actual" : "estimated";
    }

    // "Anticipated target sample size": two qualifiers, the first one says the kind.
    private static bool TryAfterSecondQualifier(string key, out PageField field)
    {
        field = default;
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && QualifierSet.Contains(key[..space]) && Labels.TryGetValue(key[(space + 1)..], out field))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// A label run into its value with no separator ("Status Recruiting", "Sex All"), as HTML pages give when label
    /// and value are adjacent inline elements: the longest label the line starts with, and the rest.
    /// </summary>
    public static bool TryMatchPrefix(string text, out LabelMatch match, out string value)
    {
        match = default;
        value = string.Empty;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var count = Math.Min(6, words.Length - 1); count >= 1; count--)
        {
            if (TryMatch(string.Join(' ', words, 0, count), out match))
            {
                value = string.Join(' ', words, count, words.Length - count);
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
        var at = text.IndexOfAny([':', '\t']);
        if (at > 0 && text[at] == '\t' && IsItemNumber(text.AsSpan(0, at)))
        {
            var next = text.IndexOfAny([':', '\t'], at + 1);
            return next > at + 1 ? next : at;
        }

        return at;
    }

    /// <summary>The label without the registry's item number before it ("E.7.2 Therapeutic exploratory (Phase II)").</summary>
    public static string WithoutItemNumber(string label)
    {
        var trimmed = label.Trim();
        var space = trimmed.IndexOfAny([' ', '\t']);
        return space > 0 && IsItemNumber(trimmed.AsSpan(0, space)) ? trimmed[(space + 1)..].Trim() : trimmed;
    }

    /// <summary>A label led by a registry's item number ("E.6&lt;TAB&gt;Scope of the trial"): an item of its own, never a value.</summary>
    public static bool HasItemNumber(string label) => WithoutItemNumber(label).Length < label.Trim().Length;

    // "A.3", "E.1.1.2", "B.3.1 and B.3.2": the EU CTR numbers its items.
    private static bool IsItemNumber(ReadOnlySpan<char> text)
    {
        var key = TextKey.Of(text);
        var words = key.Split(' ');
        return words.Length >= 2 && words[0].Length == 1 && char.IsAsciiLetter(words[0][0])
            && words.Skip(1).All(w => w.All(char.IsAsciiDigit) || w is "and" or "to" || (w.Length == 1 && char.IsAsciiLetter(w[0])));
    }

    // "E.1.1 Medical condition(s) being investigated" (EU CTR item numbers) and "Primary outcome [1]" (ANZCTR's
    // repeat index) name the same field as the bare label.
    private static string WithoutItemNumbers(ReadOnlySpan<char> label)
    {
        // "P.End of Trial Status": a section letter run into the label.
        if (label.Length > 3 && char.IsAsciiLetterUpper(label[0]) && label[1] == '.' && char.IsLetter(label[2]))
        {
            label = label[2..];
        }

        var key = TextKey.Of(label);
        var words = key.Split(' ');
        var skip = 0;
        if (words.Length > 2 && words[0].Length == 1 && char.IsAsciiLetter(words[0][0]) && words[1].All(char.IsAsciiDigit))
        {
            skip = 1;
            while (skip < words.Length - 1 && words[skip].All(char.IsAsciiDigit))
            {
                skip++;
            }
        }

        var take = words.Length - skip;
        if (label.TrimEnd().EndsWith("]", StringComparison.Ordinal) && take > 1 && words[^1].All(char.IsAsciiDigit))
        {
            take--;
        }

        return skip == 0 && take == words.Length ? key : string.Join(' ', words, skip, take);
    }

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
