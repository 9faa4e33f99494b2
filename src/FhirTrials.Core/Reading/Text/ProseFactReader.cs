using System.Globalization;
using System.Text.RegularExpressions;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Facts stated in a plain sentence of the summary or description: "This study has been terminated.",
/// "Participants can be men or women, 18 years or older", "60 veterans will join". Read last, after every labelled
/// value, so a sentence never overrides a label whatever the order on the page; a value read here carries a warning
/// quoting its sentence. Ages and sex are read only when the page labels neither end of them.
/// </summary>
internal static partial class ProseFactReader
{
    private const string People = "participants|patients|people|persons|subjects|volunteers|veterans|adults|children|women|men|individuals|infants|adolescents|smokers|survivors";

    // The study must be the sentence's subject: "Recruitment for this study was completed" is not a completed study.
    [GeneratedRegex(@"^\W*(?:this|the)\s+(?:study|trial)\s+(?:has\s+been|had\s+been|was|is|has)\s+(?:(?:now|currently|already|since|no\s+longer)\s+)?(?<status>not\s+yet\s+recruiting|recruiting|enrolling|terminated|completed|withdrawn|suspended|closed(?:\s+to\s+(?:recruitment|enrollment|enrolment))?|stopped\s+early|stopped|ended)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusSentence();

    [GeneratedRegex(@"^\W*(?:recruitment|enrol+ment)\s+(?:for|to|in|into)\s+(?:this|the)\s+(?:study|trial)\s+(?:has\s+been|was|is|has)\s+(?:now\s+)?(?<state>completed|closed|finished|ended|stopped|open|opened|ongoing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecruitmentSentence();

    [GeneratedRegex(@"\b(?:aged?|ages|between)\s+(?<min>\d{1,3})\s*(?:years?\s*)?(?:to|and|-|–)\s*(?<max>\d{1,3})\s*years?\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeRangeSentence();

    [GeneratedRegex(@"\b(?:(?<min>\d{1,3})\s*(?:years?|yrs?)(?:\s+of\s+age|\s+old)?\s+(?:or|and)\s+(?:older|over|above)|(?<min>\d{1,3})\s+(?:or|and)\s+older|at\s+least\s+(?<min>\d{1,3})\s+years?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MinimumAgeSentence();

    [GeneratedRegex(@"\b(?:(?:men|males?)\s+(?:and|or)\s+(?:women|females?)|(?:women|females?)\s+(?:and|or)\s+(?:men|males?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex BothSexes();

    [GeneratedRegex(@"\b(?:only\s+(?<sex>women|men|females|males)|(?<sex>women|men|females|males)\s+only)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OneSex();

    [GeneratedRegex(@"\b(?<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z-]+\s+){0,2}?(?<people>" + People + @")\s+(?<tense>will|would|are\s+(?:expected|planned|going)\s+to|is\s+planned\s+to|were|have\s+been|had\s+been)\s+(?:be\s+)?(?:join|enrol|enroll|enrolled|enrolled|recruited|randomi[sz]ed|included|take\s+part|took\s+part|participate|participated)", RegexOptions.IgnoreCase)]
    private static partial Regex CountThenVerb();

    [GeneratedRegex(@"\b(?<tense>will|plan\s+to|aims?\s+to|intends?\s+to|needs?|needed|seeks?|seeking|looking\s+for|enrolled|recruited|randomi[sz]ed|included)\s+(?:enrol+|recruit|randomi[sz]e|include)?\s*(?:approximately\s+|about\s+|up\s+to\s+|a\s+total\s+of\s+)?(?<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z-]+\s+){0,2}?(?<people>" + People + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex VerbThenCount();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9])")]
    private static partial Regex SentenceBreak();

    public static void Read(IEnumerable<PageLine> lines, RecordWriter writer)
    {
        foreach (var line in lines.Where(l => !l.IsBlank).DistinctBy(l => l.Number))
        {
            foreach (var sentence in SentenceBreak().Split(line.Content))
            {
                ReadSentence(sentence, line, writer);
            }
        }
    }

    private static void ReadSentence(string sentence, PageLine line, RecordWriter writer)
    {
        var record = writer.Record;
        var status = RecruitmentStatus.Unknown;
        var statusMatch = StatusSentence().Match(sentence);
        var found = statusMatch.Success && TryStatus(statusMatch.Groups["status"].Value, sentence, out status);
        if (!found && RecruitmentSentence().Match(sentence) is { Success: true } recruitment)
        {
            (statusMatch, found) = (recruitment, true);
            status = TextKey.Of(recruitment.Groups["state"].Value) is "open" or "opened" or "ongoing"
                ? RecruitmentStatus.Recruiting
                : RecruitmentStatus.ActiveNotRecruiting;
        }

        if (found)
        {
            if (writer.Set("status", record.Status, status, v => record.Status = v, LineSpan.Of(line)))
            {
                record.StatusText = statusMatch.Value;
                writer.Infer("status", line, sentence, "sentence");
            }
        }

        var eligibility = record.Eligibility;
        if (eligibility.MinimumAge is null && eligibility.MaximumAge is null)
        {
            if (AgeRangeSentence().Match(sentence) is { Success: true } range)
            {
                SetAge("eligibility.minimumAge", range.Groups["min"].Value, v => eligibility.MinimumAge = v, sentence, line, writer);
                SetAge("eligibility.maximumAge", range.Groups["max"].Value, v => eligibility.MaximumAge = v, sentence, line, writer);
            }
            else if (MinimumAgeSentence().Match(sentence) is { Success: true } minimum)
            {
                SetAge("eligibility.minimumAge", minimum.Groups["min"].Value, v => eligibility.MinimumAge = v, sentence, line, writer);
            }
        }

        var enrolled = TryEnrollment(sentence, out var enrollment, out var people);
        if (eligibility.Sex is null && (TrySex(sentence, out var sex) || PeopleSex(people, out sex)))
        {
            writer.Set("eligibility.sex", null, sex, v => eligibility.Sex = v, LineSpan.Of(line));
            writer.Infer("eligibility.sex", line, sentence, "sentence");
        }

        if (enrolled && writer.Set("enrollment", record.Enrollment, enrollment!, v => record.Enrollment = v, LineSpan.Of(line)))
        {
            writer.Infer("enrollment", line, sentence, "sentence");
        }
    }

    private static bool TryStatus(string words, string sentence, out RecruitmentStatus status)
    {
        var key = TextKey.Of(words);
        if (sentence.Contains("no longer recruiting", StringComparison.OrdinalIgnoreCase) || sentence.Contains("no longer enrolling", StringComparison.OrdinalIgnoreCase))
        {
            status = RecruitmentStatus.ActiveNotRecruiting;
            return true;
        }

        if (key == "stopped")
        {
            status = RecruitmentStatus.Terminated;
            return true;
        }

        return StatusNormalizer.TryParse(key, out status);
    }

    private static void SetAge(string field, string years, Action<Age> assign, string sentence, PageLine line, RecordWriter writer)
    {
        var age = new Age(decimal.Parse(years, CultureInfo.InvariantCulture), AgeUnit.Years);
        writer.Set(field, null, age, assign, LineSpan.Of(line));
        writer.Infer(field, line, sentence, "sentence");
    }

    private static bool TrySex(string sentence, out Sex sex)
    {
        sex = Sex.All;
        if (BothSexes().IsMatch(sentence))
        {
            return true;
        }

        if (OneSex().Match(sentence) is { Success: true } one)
        {
            sex = one.Groups["sex"].Value.ToLowerInvariant() is "women" or "females" ? Sex.Female : Sex.Male;
            return true;
        }

        return false;
    }

    // "450 men will join", "The team need 450 men": a target of one sex is that sex.
    private static bool PeopleSex(string? people, out Sex sex)
    {
        sex = people is "women" ? Sex.Female : Sex.Male;
        return people is "women" or "men";
    }

    private static bool TryEnrollment(string sentence, out Enrollment? enrollment, out string? people)
    {
        enrollment = null;
        people = null;
        var match = CountThenVerb().Match(sentence);
        if (!match.Success)
        {
            match = VerbThenCount().Match(sentence);
        }

        if (!match.Success || !int.TryParse(match.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            return false;
        }

        people = match.Groups["people"].Value.ToLowerInvariant();
        var tense = TextKey.Of(match.Groups["tense"].Value);
        var kind = tense.StartsWith("were", StringComparison.Ordinal) || tense.StartsWith("have", StringComparison.Ordinal) || tense.StartsWith("had", StringComparison.Ordinal)
            || tense is "enrolled" or "recruited" or "randomised" or "randomized" or "included"
            ? EnrollmentKind.Actual
            : EnrollmentKind.Estimated;
        enrollment = new Enrollment(count, kind);
        return true;
    }
}
