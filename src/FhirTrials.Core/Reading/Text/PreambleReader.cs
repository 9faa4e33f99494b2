using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// The lines above the first label: the site's name, then the trial's title (with its acronym suffix); a title
/// printed twice is one title. Other lines are left to the vocabulary recogniser (status, ages, sponsor...).
/// </summary>
internal static class PreambleReader
{
    private const int MinimumTitleLength = 10;

    public static void Read(PageSection preamble, RecordWriter writer)
    {
        var record = writer.Record;
        string? title = null;
        foreach (var line in preamble.ContentLines)
        {
            var text = line.Content;
            if (PageVocabulary.SiteName(text) is not null || text.Length < 3 || (title is not null && text == title))
            {
                continue;
            }

            if (title is null && text.Length >= MinimumTitleLength && !UnlabelledValueRecognizer.IsKnownValue(text)
                && !IdentifierParser.IsNct(text) && !DateNormalizer.TryParse(text, out _))
            {
                title = text;
                var (brief, acronym) = TitleParser.Split(text);
                writer.Set("briefTitle", record.BriefTitle, brief, v => record.BriefTitle = v, LineSpan.Of(line));
                if (acronym is not null)
                {
                    writer.Set("acronym", record.Acronym, acronym, v => record.Acronym = v, LineSpan.Of(line));
                }

                continue;
            }

            writer.Orphans.Add((line, PageField.Preamble));
        }
    }
}
