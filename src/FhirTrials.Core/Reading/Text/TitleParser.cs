namespace FhirTrials.Core.Reading.Text;

/// <summary>Splits a trial title from its acronym suffix: "Cell Therapy for IBM by ... of ADSVF (ADSVF-in-IBM)".</summary>
internal static class TitleParser
{
    public static (string Title, string? Acronym) Split(string title)
    {
        title = title.Trim();
        if (!title.EndsWith(')'))
        {
            return (title, null);
        }

        var open = title.LastIndexOf('(');
        if (open <= 0)
        {
            return (title, null);
        }

        var inner = title[(open + 1)..^1].Trim();
        // An acronym is one short token with capitals ("A-MUSE", "Pre_MSC-AT-SSc"); "(IBM) by Muscle" or "(Phase I)" are not.
        var isAcronym = inner.Length is > 1 and <= 30 && !inner.Contains(' ', StringComparison.Ordinal) && inner.Count(char.IsUpper) >= 2;
        return isAcronym ? (title[..open].TrimEnd(), inner) : (title, null);
    }
}
