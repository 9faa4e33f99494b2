using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// The lines above the first label: site name, banners, then the trial's title. A labelled title ("Public title:")
/// always wins; otherwise the title is the best title-shaped line: one phrase (not several sentences, not a value of
/// the trial's vocabulary, not a notice such as "Now available for public comment: ..."), preferring a markdown
/// heading, a line with the words of a trial or a disease, a long line, a line near the trial's identifier, and
/// not an organisation's name (the site's or sponsor's, which heads many pages). A title printed
/// twice is one title. Other lines are left to the vocabulary recogniser (status, ages, sponsor...).
/// </summary>
internal static class PreambleReader
{
    private const int MinimumTitleLength = 10;
    private const int MaximumTitleLength = 400;
    private const int NearId = 3;
    private const int LongTitleWords = 8;

    // "Randomized sham-controlled crossover": a short line of design words describes the trial, it does not name it.
    private const int ShortLineWords = 5;

    private static readonly HashSet<string> TrialWords = new(StringComparer.Ordinal)
    {
        "study", "trial", "treatment", "therapy", "efficacy", "safety", "patients", "versus", "vs", "randomised", "randomized",
        "effect", "effects", "evaluation", "comparison", "phase", "participants", "adults", "children", "dose", "vaccine",
        "etude", "essai", "studie", "estudio", "ensayo", "traitement", "tratamiento", "behandlung",
    };

    // Banner openers: a notice announces something about the site, not the trial.
    private static readonly HashSet<string> NoticeWords = new(StringComparer.Ordinal)
    {
        "now", "new", "news", "notice", "announcement", "important", "alert", "update", "updated", "attention", "coming", "note",
        "welcome", "nouveau", "neu", "nuevo", "avis",
    };

    /// <summary>Reads the preamble; returns the line that is the title unless a label names one.</summary>
    public static PageLine? Read(PageSection preamble, RecordWriter writer)
    {
        var lines = preamble.ContentLines.ToList();
        var idLines = lines.Where(l => IdentifierParser.ContainsRegistryId(l.Content)).Select(l => l.Number).ToList();
        PageLine? titleLine = null;
        var best = int.MinValue;
        foreach (var line in lines.Where(l => IsTitleShaped(l.Content)))
        {
            var score = Score(line, idLines);
            if (score > best)
            {
                (best, titleLine) = (score, line);
            }
        }

        foreach (var line in lines)
        {
            var text = line.Content;
            if (line == titleLine || PageVocabulary.SiteName(text) is not null || text.Length < 3
                || (titleLine is not null && text == titleLine.Content))
            {
                continue;
            }

            writer.Orphans.Add((line, PageField.Preamble));
        }

        return titleLine;
    }

    public static void ApplyTitle(PageLine? titleLine, RecordWriter writer)
    {
        var record = writer.Record;
        if (titleLine is null || record.BriefTitle is not null)
        {
            return;
        }

        var (brief, acronym) = TitleParser.Split(titleLine.Content);
        writer.Set("briefTitle", null, brief, v => record.BriefTitle = v, LineSpan.Of(titleLine));
        if (acronym is not null)
        {
            writer.Set("acronym", record.Acronym, acronym, v => record.Acronym = v, LineSpan.Of(titleLine));
        }
    }

    private static int Score(PageLine line, List<int> idLines)
    {
        var words = TextKey.Of(line.Content).Split(' ');
        var score = 0;
        score += line.HeadingLevel is 1 or 2 ? 3 : 0;
        score += words.Any(TrialWords.Contains) || ValueEvidence.LooksLikeCondition(line.Content, null) ? 2 : 0;
        score += idLines.Any(n => Math.Abs(n - line.Number) <= NearId) ? 1 : 0;
        score += words.Length >= LongTitleWords ? 1 : 0;

        // The site's or sponsor's name ("Cancer Research UK", "Institut National du Cancer") heads many pages.
        score -= ValueEvidence.LooksLikeSponsor(line.Content) ? 2 : 0;
        return score;
    }

    private static bool IsTitleShaped(string text)
    {
        if (text.Length is < MinimumTitleLength or > MaximumTitleLength || text.EndsWith(':') || UnlabelledValueRecognizer.IsKnownValue(text)
            || IdentifierParser.IsIdLine(text) || DateNormalizer.TryParse(text, out _) || PageVocabulary.SiteName(text) is not null
            || text.Contains("http", StringComparison.OrdinalIgnoreCase) || IsSeveralSentences(text) || text.Split(' ').Length < 2
            || text.Contains("   ", StringComparison.Ordinal) || text.Contains('\t', StringComparison.Ordinal)
            || (text.Split(' ').Length <= ShortLineWords && ValueEvidence.IsDesignWording(text)))
        {
            return false;
        }

        return !IsNotice(text);
    }

    // "Now available for public comment: draft guidance": a lead-in ending in a colon whose first word announces.
    private static bool IsNotice(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var lead = TextKey.Of(colon > 0 ? text[..colon] : text).Split(' ');
        return NoticeWords.Contains(lead[0]) && (colon > 0 || text.EndsWith('!'));
    }

    private static bool IsSeveralSentences(string text)
    {
        for (var i = 1; i < text.Length - 2; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ' && char.IsUpper(text[i + 2]) && char.IsLower(text[i - 1]))
            {
                return true;
            }
        }

        return text.EndsWith('.') && text.Split(' ').Length > 25;
    }
}
