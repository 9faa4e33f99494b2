using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Names the layout recognised, from the shapes its labels took: "Label : | value |" rows (CT.gov classic), label |
/// value tables (HTML fact tables), bare API enum values
/// (aggregators), bare vocabulary values near the top (recruitment sites), heading lines followed by values (Veeva),
/// or "Field: value" lines.
/// </summary>
internal static class PageLayoutClassifier
{
    public static string Classify(IReadOnlyList<PageSection> sections)
    {
        var shapes = sections.GroupBy(s => s.Shape).ToDictionary(g => g.Key, g => g.Count());
        int Count(LabelShape shape) => shapes.GetValueOrDefault(shape);

        // CT.gov classic rows end their label cell with a colon ("Study Type : | Interventional |"); an HTML facts
        // table reduces to rows without one.
        var colonRows = sections.Count(s => s.Shape == LabelShape.PipeRow && PipeRowParser.Cells(s.LabelText) is [var first, ..] && first.Contains(':', StringComparison.Ordinal));
        if (colonRows >= 5)
        {
            return "ctgov-classic-page";
        }

        if (Count(LabelShape.PipeRow) + Count(LabelShape.PipeTable) >= 5)
        {
            return "table-page";
        }

        var bareValues = sections.Where(s => s.Field is PageField.Preamble or PageField.ValueBlock or PageField.StudyDesign)
            .SelectMany(s => s.ContentLines)
            .ToList();
        if (bareValues.Any(l => IsApiEnum(l.Content)))
        {
            return "enum-aggregator-page";
        }

        if (bareValues.Count(l => UnlabelledValueRecognizer.IsKnownValue(l.Content)) >= 2)
        {
            return "unlabelled-page";
        }

        if (Count(LabelShape.Heading) >= 5 && Count(LabelShape.Heading) > Count(LabelShape.Colon))
        {
            return "heading-value-page";
        }

        return Count(LabelShape.Colon) >= 3 ? "labelled-page" : "unlabelled-page";
    }

    // RECRUITING, PHASE1, SINGLE_GROUP: upper case API enum text that our vocabularies know.
    private static bool IsApiEnum(string text) =>
        text.Length >= 4 && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') && text.Any(char.IsAsciiLetter)
        && (StatusNormalizer.TryParse(text, out _) || PhaseNormalizer.TryParse(text, out _) || DesignNormalizer.TryParseInterventionModel(text, out _));
}
