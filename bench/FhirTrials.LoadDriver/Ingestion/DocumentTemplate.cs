using System.Text;
using System.Text.RegularExpressions;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// One real document the generator varies: its text, what the reader finds in it, and one pattern that finds every
/// string a variation replaces (identifiers, titles, the first condition, any NCT number the page mentions).
/// </summary>
internal sealed partial class DocumentTemplate
{
    private DocumentTemplate(string name, string extension, string text, TrialRecord record, Regex pattern)
    {
        Name = name;
        Extension = extension;
        Text = text;
        Record = record;
        Pattern = pattern;
        IdentifierValues = record.Identifiers.Select(i => i.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public string Extension { get; }

    public string Text { get; }

    public TrialRecord Record { get; }

    public Regex Pattern { get; }

    public IReadOnlySet<string> IdentifierValues { get; }

    public IEnumerable<string> Titles => new[] { Record.BriefTitle, Record.OfficialTitle }.OfType<string>().Distinct(StringComparer.Ordinal);

    public string? Condition => Record.Conditions.FirstOrDefault();

    public static DocumentTemplate Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var read = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(text), Path.GetFileName(path));
        if (read.IsRejected || read.Records.Count != 1)
        {
            throw new InvalidDataException(
                $"Template {path} must read as exactly one trial; it gave {read.Records.Count} ({read.RejectionReason}).");
        }

        var record = read.Records[0];
        // Short values (a bare "7") would hit unrelated text; the reader calls nothing that short an identifier anyway.
        var identifiers = record.Identifiers.Select(i => i.Value).Where(v => v.Length >= 5);
        var titles = new[] { record.BriefTitle, record.OfficialTitle }.OfType<string>();
        var condition = record.Conditions.Take(1);
        var related = NctNumber().Matches(text).Select(m => m.Value);
        var keys = identifiers.Concat(titles).Concat(condition).Concat(related)
            .Where(k => text.Contains(k, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(k => k.Length)
            .ToList();
        // Longest first, one pass: a title is replaced whole before the condition inside it could be.
        var pattern = new Regex(string.Join('|', keys.Select(Regex.Escape)), RegexOptions.CultureInvariant);
        return new DocumentTemplate(name, Path.GetExtension(path), text, record, pattern);
    }

    [GeneratedRegex(@"NCT\d{8}", RegexOptions.CultureInvariant)]
    public static partial Regex NctNumber();
}
