using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Writes values into the record with their provenance. A single-valued field keeps the first value read; a
/// different value later on the page is reported as a conflict, never silently applied.
/// </summary>
internal sealed class RecordWriter(TrialRecord record)
{
    public TrialRecord Record { get; } = record;

    /// <summary>Whether the page writes its slash dates day first, from the dates only one order can read.</summary>
    public bool? PageDayFirst { get; init; }

    /// <summary>Lines the reader could not place, handed to the vocabulary recogniser after the labelled sections.</summary>
    public List<(PageLine Line, PageField Context)> Orphans { get; } = [];

    /// <summary>Lines of summary and description prose, where <see cref="ProseFactReader"/> looks for stated facts.</summary>
    public List<PageLine> ProseLines { get; } = [];

    /// <summary>A funder type read before the sponsor it qualifies ("Funder types: Other" on Veeva pages).</summary>
    public string? PendingSponsorClass { get; set; }

    /// <summary>Sponsors listed without saying which one leads; decided once the officials are known.</summary>
    public List<(Party Party, LineSpan Span)> UnrankedSponsors { get; } = [];

    public void Warn(string? field, string message, int? line) => Record.Warnings.Add(new ReadWarning(field, message, line));

    public void Trace(string field, LineSpan span) => Record.Provenance.Add(new FieldSource(field, span.First, span.Last));

    public bool Set<T>(string field, object? existing, T value, Action<T> assign, LineSpan span)
        where T : notnull
    {
        if (existing is not null)
        {
            if (!Equals(existing, value))
            {
                Warn(field, $"Conflicting values for {field}: kept '{existing}', ignored '{value}' (line {span.First})", span.First);
            }

            return false;
        }

        assign(value);
        Trace(field, span);
        return true;
    }

    /// <summary>Adds to a list field unless an equal value is already there; returns the item's index.</summary>
    public int Add<T>(string field, List<T> list, T item, LineSpan span)
    {
        var index = list.IndexOf(item);
        if (index >= 0)
        {
            return index;
        }

        list.Add(item);
        Trace($"{field}[{list.Count - 1}]", span);
        return list.Count - 1;
    }

    /// <summary>
    /// Reports a value that no label named: the reader inferred it from the line's vocabulary or from a sentence.
    /// Every such value carries one of these warnings (field = the record path), so ops and the Provenance can tell
    /// inferred values from labelled ones.
    /// </summary>
    public void Infer(string field, PageLine line, string quoted, string from = "line") =>
        Warn(field, $"{field} was {InferredFrom} {from} (line {line.Number}): '{Shorten(quoted)}'", line.Number);

    /// <summary>The words every inference warning holds (see <see cref="Infer"/>).</summary>
    public const string InferredFrom = "inferred from an unlabelled";

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    public void NotUnderstood(string field, string value, PageLine line) =>
        Warn(field, $"{field}: '{value}' was not understood", line.Number);
}
