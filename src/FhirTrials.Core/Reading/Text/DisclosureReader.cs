using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>References (with PMID and DOI), the IPD sharing statement, and the FDA-regulated product flags.</summary>
internal static class DisclosureReader
{
    private static readonly string[] InfoTypes =
        ["Study Protocol", "Statistical Analysis Plan (SAP)", "Informed Consent Form (ICF)", "Clinical Study Report (CSR)", "Analytic Code"];

    public static void References(IEnumerable<PageLine> lines, RecordWriter writer)
    {
        foreach (var line in lines)
        {
            var text = line.Content;
            writer.Add("references", writer.Record.References, new Citation(text, Pmid(text), Doi(text)), LineSpan.Of(line));
        }
    }

    public static void Ipd(PageField field, PageSection section, RecordWriter writer)
    {
        var record = writer.Record;
        var ipd = record.IpdSharing ??= new IpdSharing();
        if (field == PageField.IpdInfoTypes)
        {
            foreach (var line in SectionValues.All(section))
            {
                foreach (var type in InfoTypes.Where(t => line.Content.Contains(t, StringComparison.OrdinalIgnoreCase) || line.Content.Contains(t.Split(" (")[0], StringComparison.OrdinalIgnoreCase)))
                {
                    writer.Add("ipdSharing.infoTypes", ipd.InfoTypes, type, LineSpan.Of(line));
                }
            }

            return;
        }

        var text = SectionValues.Paragraphs(section);
        if (text is not { } value)
        {
            return;
        }

        var span = value.Span;
        switch (field)
        {
            case PageField.IpdPlan when EnumText.TryParse(value.Text, out IpdPlan plan):
                writer.Set("ipdSharing.plan", ipd.Plan, plan, v => ipd.Plan = v, span);
                break;
            // "No plan to share individual participant data." (UMIN): a sentence saying no.
            case PageField.IpdPlan when TextKey.Of(value.Text).StartsWith("no plan to share", StringComparison.Ordinal):
                writer.Set("ipdSharing.plan", ipd.Plan, IpdPlan.No, v => ipd.Plan = v, span);
                break;
            case PageField.IpdPlan:
                writer.Warn("ipdSharing.plan", $"ipdSharing.plan: '{value.Text}' was not understood", span.First);
                break;
            case PageField.IpdDescription:
                writer.Set("ipdSharing.description", ipd.Description, value.Text, v => ipd.Description = v, span);
                break;
            case PageField.IpdTimeFrame:
                writer.Set("ipdSharing.timeFrame", ipd.TimeFrame, value.Text, v => ipd.TimeFrame = v, span);
                break;
            case PageField.IpdAccessCriteria:
                writer.Set("ipdSharing.accessCriteria", ipd.AccessCriteria, value.Text, v => ipd.AccessCriteria = v, span);
                break;
            case PageField.IpdUrl:
                writer.Set("ipdSharing.url", ipd.Url, value.Text, v => ipd.Url = v, span);
                break;
        }
    }

    public static void Fda(PageField field, PageLine value, RecordWriter writer)
    {
        var record = writer.Record;
        if (!ParticipantNormalizer.TryParseYesNo(value.Content, out var yes))
        {
            writer.NotUnderstood(field == PageField.FdaDrug ? "isFdaRegulatedDrug" : "isFdaRegulatedDevice", value.Content, value);
        }
        else if (field == PageField.FdaDrug)
        {
            writer.Set("isFdaRegulatedDrug", record.IsFdaRegulatedDrug, yes, v => record.IsFdaRegulatedDrug = v, LineSpan.Of(value));
        }
        else
        {
            writer.Set("isFdaRegulatedDevice", record.IsFdaRegulatedDevice, yes, v => record.IsFdaRegulatedDevice = v, LineSpan.Of(value));
        }
    }

    // "doi: 10.1016/j.healun.2016.01.013." -> "10.1016/j.healun.2016.01.013".
    private static string? Doi(string text)
    {
        var at = text.IndexOf("10.", StringComparison.Ordinal);
        while (at >= 0)
        {
            var slash = text.IndexOf('/', at);
            var end = at;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var candidate = text[at..end].TrimEnd('.', ',', ';', ')');
            var prefixIsDigits = slash > at + 3 && slash < end && text[(at + 3)..slash].All(char.IsAsciiDigit);
            if (prefixIsDigits && candidate.Length > slash - at + 1 && (at == 0 || !char.IsAsciiDigit(text[at - 1])))
            {
                return candidate;
            }

            at = text.IndexOf("10.", at + 3, StringComparison.Ordinal);
        }

        return null;
    }

    // "PMID: 12345678" or "PubMed 12345678".
    private static string? Pmid(string text)
    {
        foreach (var marker in new[] { "PMID:", "PMID", "PubMed:", "PubMed" })
        {
            var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var digits = new string(text[(at + marker.Length)..].TrimStart().TakeWhile(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= 4 and <= 9)
            {
                return digits;
            }
        }

        return null;
    }
}
