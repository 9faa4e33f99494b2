using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Setters shared by the labelled readers and the vocabulary recogniser.</summary>
internal static class FieldWriters
{
    /// <summary>Sets the status and the page's words for it; false when the record already had one.</summary>
    public static bool Status(string text, RecruitmentStatus status, LineSpan span, RecordWriter writer)
    {
        var record = writer.Record;
        if (!writer.Set("status", record.Status, status, v => record.Status = v, span))
        {
            return false;
        }

        record.StatusText = text;
        return true;
    }

    public static void Ages(AgeRange range, LineSpan span, RecordWriter writer)
    {
        var eligibility = writer.Record.Eligibility;
        if (range.Minimum is { } min)
        {
            writer.Set("eligibility.minimumAge", eligibility.MinimumAge, min, v => eligibility.MinimumAge = v, span);
        }

        if (range.Maximum is { } max)
        {
            writer.Set("eligibility.maximumAge", eligibility.MaximumAge, max, v => eligibility.MaximumAge = v, span);
        }

        foreach (var group in range.StandardAges)
        {
            writer.Add("eligibility.standardAges", eligibility.StandardAges, group, span);
        }
    }

    public static void Date(string field, PageLine value, string qualifier, RecordWriter writer, Action<TrialDate> assign, TrialDate? existing)
    {
        var kind = DateNormalizer.KindFromWords(qualifier);
        var read = DateNormalizer.TryParse(value.Content, kind, out var date, out var problem);
        if (!read && writer.PageDayFirst is { } dayFirst && DateNormalizer.TryParse(value.Content, kind, dayFirst, out date, out _))
        {
            // Inferred, not read: the order comes from the page's other dates, and the warning says so.
            read = true;
            writer.Warn(field, $"{field}: '{value.Content}' is ambiguous; read {(dayFirst ? "day" : "month")} first, as the page's other dates are written", value.Number);
        }

        if (read)
        {
            // The actual date replaces the expected one ("Expected recruitment start date", then "Actual ...").
            var replaces = existing is TrialDate { Kind: DateKind.Estimated } && date!.Kind == DateKind.Actual;
            writer.Set(field, replaces ? null : existing, date!, assign, LineSpan.Of(value));
        }
        else
        {
            writer.Warn(field, $"{field}: '{value.Content}' is not a date we can read ({problem})", value.Number);
        }
    }

    public static void Phases(string text, PageLine line, RecordWriter writer)
    {
        if (PhaseNormalizer.TryParseLabelled(text, out var phases))
        {
            foreach (var phase in phases)
            {
                writer.Add("phases", writer.Record.Phases, phase, LineSpan.Of(line));
            }
        }
        else
        {
            writer.NotUnderstood("phases", text, line);
        }
    }

    public static void Identifiers(IEnumerable<PageLine> lines, RecordWriter writer)
    {
        var record = writer.Record;
        foreach (var line in lines)
        {
            var list = IdentifierParser.ReadList(line.Content);
            var spaced = !list.Any(i => IdentifierParser.LooksLikeIdentifier(i.Value)) && IdentifierParser.LooksLikeSpacedIdentifier(line.Content);
            if (spaced)
            {
                // "CSET 4388": one id with a space in it, as some sites number their trials.
                list = [(line.Content.Trim(), null)];
            }

            foreach (var (value, typeText) in list)
            {
                if (!spaced && !IdentifierParser.LooksLikeIdentifier(value))
                {
                    continue;
                }

                var firstUnqualified = !record.Identifiers.Any(i => i.Kind == IdentifierKind.SponsorProtocol);
                Identifier(IdentifierParser.Recognise(value, typeText, firstUnqualified), LineSpan.Of(line), writer);
            }
        }
    }

    public static void Identifier(TrialIdentifier identifier, LineSpan span, RecordWriter writer)
    {
        var record = writer.Record;
        var same = record.Identifiers.FindIndex(i => string.Equals(i.Value, identifier.Value, StringComparison.OrdinalIgnoreCase));
        if (same >= 0)
        {
            // The same id printed twice (header and footer) is one id; keep the type words if only the later copy has them.
            if (record.Identifiers[same].TypeText is null && identifier.TypeText is not null)
            {
                record.Identifiers[same] = identifier;
            }

            return;
        }

        writer.Add("identifiers", record.Identifiers, identifier, span);
    }
}
