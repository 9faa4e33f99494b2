using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Reads the text of a trial page (or HTML reduced by <see cref="Html.HtmlText"/>) into a trial record, whatever
/// site it came from: the page is cut into labelled sections (<see cref="SectionSplitter"/>, labels from
/// <see cref="LabelDictionary"/>), each section is read into the record with its provenance, and lines under no
/// label are recognised by their vocabulary. A page that shows no sign of being a trial is rejected with a reason.
/// </summary>
public static class PageTextReader
{
    public const string ReaderVersion = "pages-1.0";

    // Fields that only a trial page has: a page with none of them and no trial identifier is not a trial.
    private static readonly HashSet<PageField> TrialFields =
    [
        PageField.Status, PageField.StatusAndPhase, PageField.Phase, PageField.StudyType, PageField.Enrollment,
        PageField.Inclusion, PageField.Exclusion, PageField.Eligibility, PageField.Ages, PageField.Sex,
        PageField.HealthyVolunteers, PageField.Interventions, PageField.ArmGroups, PageField.ArmsTable, PageField.Conditions,
        PageField.PrimaryOutcomes, PageField.SecondaryOutcomes, PageField.Allocation, PageField.Masking,
        PageField.InterventionModel, PageField.PrimaryPurpose, PageField.StartDate, PageField.CompletionDate,
        PageField.PrimaryCompletionDate, PageField.Sponsor, PageField.Sponsors, PageField.Officials,
    ];

    private const int MinimumTrialSections = 3;

    /// <summary>Reads an HTML page: reduced to its visible text (blocks as lines), then read as page text.</summary>
    /// <param name="limits">Bounds on the page's nesting, element count and parse time; <see cref="ReaderLimits.Default"/> when null.</param>
    public static PageReadResult ReadHtml(string html, PageSource source, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var reduced = Html.HtmlText.Reduce(html, limits ?? ReaderLimits.Default);
        return reduced.RefusalReason is { } refusal ? new PageReadResult(null, refusal) : Read(reduced.Text, source);
    }

    public static PageReadResult Read(string text, PageSource source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new PageReadResult(null, "The document is empty: there is no text to read.");
        }

        if (LooksBinary(text))
        {
            return new PageReadResult(null, "The document is binary data, not text or HTML: it cannot be a trial page.");
        }

        var lines = PageLines.Split(text);
        var sections = SectionSplitter.Split(lines);
        var info = new SourceInfo(
            source.DocumentName,
            source.ContentHash,
            source.Format,
            PageLayoutClassifier.Classify(sections),
            ReaderVersion,
            SiteName(lines, sections),
            SourceUrl(sections));
        var writer = new RecordWriter(new TrialRecord { Source = info }) { PageDayFirst = DateNormalizer.PageOrder(lines.Select(l => l.Text)) };
        RegistryIdScanner.Read(sections, writer);
        SectionInterpreter.Apply(sections, writer, lines.FindLast(l => !l.IsBlank)?.Number ?? 0);

        var record = writer.Record;
        return IsTrialDocument(record, sections)
            ? new PageReadResult(record, null)
            : new PageReadResult(null,
                "No trial registry identifier with a title, and no trial sections (status, phase, conditions, eligibility, interventions...) were found: this does not look like a clinical trial page.");
    }

    // A registry id (NCT, ISRCTN, ACTRN, EudraCT, UTN...) and a title make a trial page, even one cut off before its
    // other sections; any other id counts with one trial section, and a page with no id needs three of them.
    private static bool IsTrialDocument(TrialRecord record, List<PageSection> sections)
    {
        var trialSections = sections.Where(s => TrialFields.Contains(s.Field)).Select(s => s.Field).Distinct().Count();
        var hasTitle = record.BriefTitle is not null || record.OfficialTitle is not null;
        var hasTrialValues = record.Status is not null || record.Phases.Count > 0;
        if (record.Identifiers.Any(IdentifierParser.IsRegistryId) && (hasTitle || trialSections > 0 || hasTrialValues))
        {
            return true;
        }

        return trialSections >= MinimumTrialSections
            || ((hasTrialValues || record.Identifiers.Count > 0) && trialSections > 0);
    }

    private static string? SiteName(List<PageLine> lines, List<PageSection> sections)
    {
        foreach (var line in lines.Take(10))
        {
            if (PageVocabulary.SiteName(line.Content) is { } site)
            {
                return site;
            }
        }

        // CT.gov pages label their id "ClinicalTrials.gov Identifier".
        return sections.Any(s => s.Field == PageField.NctId && s.LabelText.StartsWith("ClinicalTrials.gov", StringComparison.OrdinalIgnoreCase))
            ? "ClinicalTrials.gov"
            : null;
    }

    // The page's own address: a "Source URL"/"Link" label, or a URL in the lines above the first label (a
    // reference's or a menu's link further down is not the page's).
    private static string? SourceUrl(List<PageSection> sections)
    {
        var candidates = sections.Where(s => s.Field == PageField.SourceUrl).SelectMany(SectionValues.All)
            .Concat(sections.Where(s => s.Field == PageField.Preamble).SelectMany(s => s.ContentLines));
        foreach (var line in candidates)
        {
            var at = line.Text.IndexOf("https://", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                at = line.Text.IndexOf("http://", StringComparison.OrdinalIgnoreCase);
            }

            if (at >= 0)
            {
                var end = line.Text.IndexOfAny([' ', '|', ')', '>', '"'], at);
                return line.Text[at..(end < 0 ? line.Text.Length : end)].TrimEnd('.', ',');
            }
        }

        return null;
    }

    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 8192));
        var control = 0;
        foreach (var c in sample)
        {
            if (c == '\0')
            {
                return true;
            }

            control += char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f') ? 1 : 0;
        }

        return control > sample.Length / 100;
    }
}
