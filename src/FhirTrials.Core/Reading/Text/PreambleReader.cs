using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// The lines above the first label: the site's name, then the trial's title (with its acronym suffix); a title
/// printed twice is one title. A labelled title ("Public title:") wins: the first line of a page may be the
/// site's banner. Other lines are left to the vocabulary recogniser (status, ages, sponsor...).
/// </summary>
internal static class PreambleReader
{
    private const int MinimumTitleLength = 10;

    /// <summary>Reads the preamble; returns the line that is the title unless a label names one.</summary>
    public static PageLine? Read(PageSection preamble, RecordWriter writer)
    {
        PageLine? titleLine = null;
        string? title = null;
        foreach (var line in preamble.ContentLines)
        {
            var text = line.Content;
            if (PageVocabulary.SiteName(text) is not null || text.Length < 3 || (title is not null && text == title))
            {
                continue;
            }

            if (title is null && text.Length >= MinimumTitleLength && !UnlabelledValueRecognizer.IsKnownValue(text)
                && !IdentifierParser.IsIdLine(text) && !DateNormalizer.TryParse(text, out _))
            {
                title = text;
                titleLine = line;
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
}
