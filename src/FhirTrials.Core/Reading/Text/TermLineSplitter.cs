namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Splits a line of terms that lost their separators ("Myositis Myositis, Inclusion Body Muscular Diseases") by
/// the line's own structure, never by a list of known terms:
/// <list type="bullet">
/// <item>the record's own values (conditions, interventions) match word for word, also in MeSH's inverted form
/// ("Myositis, Inclusion Body" is the condition "Inclusion Body Myositis");</item>
/// <item>a word printed twice in a row ("Myositis Myositis,") ends a term: no term repeats a word back to back;</item>
/// <item>a category head noun ("Diseases", "Disorders", "Syndrome", "Neoplasms"...) followed by a capitalised word
/// ends a term: disease headings are modifiers then their head noun ("Basal Ganglia Diseases"), while "of"/"and" after
/// it continue the term ("Diseases of the Nervous System"). This is a guess, and reported as one;</item>
/// <item>a word run together at a case boundary ("DiabetesObesity") is two words of two terms; also a guess.</item>
/// </list>
/// A run of four or more capitalised words that no rule splits stays one term, with a note that it may hold several.
/// </summary>
internal static class TermLineSplitter
{
    // English head nouns of disease and finding categories (grammar of the headings, not a list of headings).
    private static readonly HashSet<string> HeadNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "disease", "diseases", "disorder", "disorders", "syndrome", "syndromes", "neoplasm", "neoplasms", "infection",
        "infections", "injuries", "injury", "abnormalities", "conditions", "processes", "complications", "symptoms",
        "tumors", "tumours", "cancers", "deficiencies", "malformations", "dysfunctions", "lesions",
    };

    private const int LongRun = 4;

    public sealed record Result(List<string> Terms, List<string> Guesses);

    public static List<string> Split(string line, IEnumerable<string> knownPhrases) => SplitWithEvidence(line, knownPhrases).Terms;

    /// <summary>Splits the line; <see cref="Result.Guesses"/> says in words which splits (or non-splits) are guesses.</summary>
    public static Result SplitWithEvidence(string line, IEnumerable<string> knownPhrases)
    {
        var guesses = new List<string>();
        var words = SplitCaseJoins(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), guesses);
        var phrases = knownPhrases.SelectMany(WithInversion)
            .Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 0)
            .OrderByDescending(p => p.Length)
            .ToList();
        var terms = new List<string>();
        var loose = new List<string>();
        var i = 0;
        while (i < words.Count)
        {
            var match = phrases.FirstOrDefault(p => Matches(words, i, p));
            if (match is null)
            {
                loose.Add(words[i++]);
                continue;
            }

            SplitLoose(terms, loose, guesses);
            terms.Add(string.Join(' ', words.Skip(i).Take(match.Length)));
            i += match.Length;
        }

        SplitLoose(terms, loose, guesses);
        return new Result(terms, guesses);
    }

    /// <summary>"Type 2 DiabetesObesity" -> "Type 2 Diabetes", "Obesity": a lower-case letter then a capital inside a
    /// word, with at least four letters on each side ("McCune", "PubMed" stay whole).</summary>
    public static List<string> SplitCaseJoins(IEnumerable<string> words, List<string> guesses)
    {
        var output = new List<string>();
        foreach (var word in words)
        {
            var rest = word;
            var at = CaseJoin(rest);
            while (at > 0)
            {
                guesses.Add($"'{word}' was split at its case boundary");
                output.Add(rest[..at]);
                output.Add("\n"); // a term boundary, not a word
                rest = rest[at..];
                at = CaseJoin(rest);
            }

            output.Add(rest);
        }

        return output;
    }

    /// <summary>One list item that may hold two run together ("Cancer CachexiaNon-Small Cell Lung Cancer"): its terms.</summary>
    public static List<string> SplitJoinedItem(string item, List<string> guesses)
    {
        var terms = new List<string>();
        var current = new List<string>();
        foreach (var word in SplitCaseJoins(item.Split(' ', StringSplitOptions.RemoveEmptyEntries), guesses))
        {
            if (word == "\n")
            {
                terms.Add(string.Join(' ', current));
                current.Clear();
            }
            else
            {
                current.Add(word);
            }
        }

        terms.Add(string.Join(' ', current));
        return terms;
    }

    // A capitalised word of four or more lower-case letters, then a capital and two lower-case letters: "DiabetesObesity".
    private static int CaseJoin(string word)
    {
        for (var k = 4; k <= word.Length - 3; k++)
        {
            if (char.IsLower(word[k - 1]) && char.IsUpper(word[k]) && char.IsLower(word[k + 1]) && char.IsLower(word[k + 2])
                && char.IsUpper(word[0]) && word[1..k].All(char.IsLower))
            {
                return k;
            }
        }

        return -1;
    }

    // MeSH prints multi-word headings inverted: "Inclusion Body Myositis" appears as "Myositis, Inclusion Body".
    private static IEnumerable<string> WithInversion(string phrase)
    {
        yield return phrase;
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2 && !phrase.Contains(',', StringComparison.Ordinal))
        {
            yield return words[^1] + ", " + string.Join(' ', words[..^1]);
        }
    }

    private static bool Matches(List<string> words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            // Words compare with their punctuation: "Myositis" does not match the "Myositis," of "Myositis, Inclusion Body".
            if (!string.Equals(words[at + k], phrase[k], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    // Words no known phrase covers: split by their own structure.
    private static void SplitLoose(List<string> terms, List<string> loose, List<string> guesses)
    {
        var current = new List<string>();
        for (var k = 0; k < loose.Count; k++)
        {
            var word = loose[k];
            if (word == "\n")
            {
                Flush(terms, current, guesses);
                continue;
            }

            current.Add(word);
            var next = k + 1 < loose.Count ? loose[k + 1] : null;
            if (next is null || next == "\n")
            {
                continue;
            }

            if (string.Equals(word, next.TrimEnd(','), StringComparison.OrdinalIgnoreCase))
            {
                Flush(terms, current, guesses);
            }
            else if (HeadNouns.Contains(word) && char.IsUpper(next[0]))
            {
                guesses.Add($"a term was taken to end at '{word}'");
                Flush(terms, current, guesses);
            }
        }

        Flush(terms, current, guesses);
        loose.Clear();
    }

    private static void Flush(List<string> terms, List<string> current, List<string> guesses)
    {
        if (current.Count == 0)
        {
            return;
        }

        var term = string.Join(' ', current);
        if (current.Count >= LongRun && current.Count(w => char.IsUpper(w[0])) >= LongRun)
        {
            guesses.Add($"'{term}' may hold several terms run together");
        }

        terms.Add(term);
        current.Clear();
    }
}
