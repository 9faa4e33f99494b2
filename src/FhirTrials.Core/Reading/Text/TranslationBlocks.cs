namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Values a registry prints in several languages, each after its language tag ("pt-br", then "en", on ReBEC): the
/// first language's lines are the value; the tags and the translations are not more values.
/// </summary>
internal static class TranslationBlocks
{
    private static readonly HashSet<string> Tags = new(StringComparer.OrdinalIgnoreCase)
    {
        "en", "en-us", "en-gb", "pt", "pt-br", "pt-pt", "es", "es-es", "fr", "fr-fr", "de", "de-de", "it", "nl", "zh", "ja", "ko", "th", "fa", "ar",
    };

    public static List<PageLine> FirstLanguage(List<PageLine> lines)
    {
        var first = lines.FindIndex(IsTag);
        if (first < 0)
        {
            return lines;
        }

        var next = lines.FindIndex(first + 1, IsTag);
        var kept = lines.Take(first).ToList();
        kept.AddRange(lines.Skip(first + 1).Take((next < 0 ? lines.Count : next) - first - 1));
        return kept;
    }

    private static bool IsTag(PageLine line) => Tags.Contains(line.Content.Trim());
}
