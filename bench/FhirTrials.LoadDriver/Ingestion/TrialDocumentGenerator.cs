using System.Globalization;
using System.Text;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Storage.Pipeline;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>A generated document: the blob name it is uploaded under and its bytes.</summary>
internal sealed record GeneratedDocument(string Name, string Template, byte[] Content);

/// <summary>
/// Distinct trials made from the five seed pages and the CT.gov API v2 record, formats mixed round-robin. Every
/// identifier in a document (NCT, EudraCT, CTIS, sponsor and other secondary ids, NCT numbers of related trials) gets a
/// new unique value of the same shape, and the titles and first condition are varied, so the pipeline's alias
/// resolution never joins two generated documents. Each document is read back here and checked for that.
/// </summary>
internal sealed class TrialDocumentGenerator
{
    private readonly IReadOnlyList<DocumentTemplate> _templates;
    private readonly HashSet<string> _trialKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aliasKeys = new(StringComparer.Ordinal);
    private int _nextDocument = 1;
    private int _nextUnique = 1;

    public TrialDocumentGenerator(IReadOnlyList<DocumentTemplate> templates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(templates.Count);
        _templates = templates;
    }

    public IReadOnlyList<DocumentTemplate> Templates => _templates;

    /// <summary>The seed pages (samples/*.txt) and the CT.gov JSON test record, from the repository this runs in.</summary>
    public static TrialDocumentGenerator FromRepository()
    {
        var root = Api.RepoPaths.Root;
        var paths = Directory.GetFiles(Path.Combine(root, "samples"), "*.txt").Order(StringComparer.Ordinal)
            .Append(Path.Combine(root, "tests", "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", "study-full.json"));
        return new TrialDocumentGenerator([.. paths.Select(DocumentTemplate.Load)]);
    }

    /// <summary>CT.gov API v2 studies only (the CT.gov JSON test record varied), as the registry's download holds.</summary>
    public static TrialDocumentGenerator CtGovJson() =>
        new([DocumentTemplate.Load(Path.Combine(Api.RepoPaths.Root, "tests", "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", "study-full.json"))]);

    /// <summary>The next <paramref name="count"/> documents; numbering continues across calls so every batch is new.</summary>
    public List<GeneratedDocument> Generate(string prefix, int count)
    {
        var documents = new List<GeneratedDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var serial = _nextDocument++;
            var template = _templates[(serial - 1) % _templates.Count];
            var text = Vary(template, serial);
            var name = $"{prefix}/{serial.ToString("D6", CultureInfo.InvariantCulture)}-{template.Name}{template.Extension}";
            var content = Encoding.UTF8.GetBytes(text);
            Check(template, name, content);
            documents.Add(new GeneratedDocument(name, template.Name, content));
        }

        return documents;
    }

    private string Vary(DocumentTemplate template, int serial)
    {
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var title in template.Titles)
        {
            replacements[title] = $"{title} - load trial {serial}";
        }

        if (template.Condition is { } condition)
        {
            replacements[condition] = $"{condition} variant {serial}";
        }

        return template.Pattern.Replace(template.Text, match =>
        {
            if (!replacements.TryGetValue(match.Value, out var replacement))
            {
                replacement = NewIdentifier(match.Value, _nextUnique++);
                replacements[match.Value] = replacement;
            }

            return replacement;
        });
    }

    /// <summary>
    /// The same shape with new digits: NCT + 8 digits; EudraCT/CTIS numbers keep their year; other ids get their last
    /// (up to 8) digits replaced, or a numeric suffix when they have too few digits to be unique.
    /// </summary>
    internal static string NewIdentifier(string original, int unique)
    {
        if (DocumentTemplate.NctNumber().IsMatch(original) && original.Length == 11)
        {
            return "NCT" + unique.ToString("D8", CultureInfo.InvariantCulture);
        }

        var digits = original.Select((c, i) => (c, i)).Where(p => char.IsAsciiDigit(p.c)).Select(p => p.i).ToList();
        var keepYear = original.Length > 4 && original[..4].All(char.IsAsciiDigit) && original[4] == '-' ? 4 : 0;
        var free = digits.Count - keepYear;
        if (free < 6)
        {
            return original + "-" + unique.ToString("D6", CultureInfo.InvariantCulture);
        }

        var width = Math.Min(free, 8);
        if (unique >= Math.Pow(10, width))
        {
            throw new InvalidOperationException($"Ran out of unique values for identifiers shaped like {original}; generate fewer documents.");
        }

        var fill = unique.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var chars = original.ToCharArray();
        var positions = digits[^width..];
        for (var k = 0; k < width; k++)
        {
            chars[positions[k]] = fill[k];
        }

        return new string(chars);
    }

    /// <summary>Reads the document as the pipeline will and refuses it if it could join an earlier one or kept a template value.</summary>
    private void Check(DocumentTemplate template, string name, byte[] content)
    {
        var read = TrialDocumentReader.Read(content, name);
        if (read.IsRejected || read.Records.Count != 1)
        {
            throw new InvalidOperationException($"Generated {name} (from {template.Name}) does not read as one trial: {read.RejectionReason}");
        }

        var record = read.Records[0];
        var kept = record.Identifiers.Select(i => i.Value).Where(template.IdentifierValues.Contains).ToList();
        if (kept.Count > 0)
        {
            throw new InvalidOperationException($"Generated {name} still carries the template's identifiers {string.Join(", ", kept)}.");
        }

        if (record.BriefTitle == template.Record.BriefTitle || (template.Condition is not null && record.Conditions.FirstOrDefault() == template.Condition))
        {
            throw new InvalidOperationException($"Generated {name} kept the template's title or first condition.");
        }

        if (!_trialKeys.Add(TrialKey.For(record)))
        {
            throw new InvalidOperationException($"Generated {name} has the trial key {TrialKey.For(record)} of an earlier document.");
        }

        foreach (var (kind, value) in TrialAliases.KeysOf(record))
        {
            if (!_aliasKeys.Add(kind + " " + value))
            {
                throw new InvalidOperationException($"Generated {name} shares the {kind} identifier {value} with an earlier document.");
            }
        }
    }
}
