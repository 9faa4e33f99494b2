using System.Globalization;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// Different trials made from the seed pages and CT.gov JSON records, read once: study <c>n</c> is a copy of one read
/// record with its own NCT number (and other identifiers and titles), and a coded condition shared by exactly
/// <see cref="StudiesPerCondition"/> studies, so a search on that code is selective at every store size.
/// </summary>
internal sealed class StudyGenerator
{
    public const int StudiesPerCondition = 10;

    private static readonly DateTimeOffset Recorded = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly string[] _templates;

    private StudyGenerator(string[] templates) => _templates = templates;

    public int TemplateCount => _templates.Length;

    /// <summary>Reads the five seed pages and the CT.gov JSON test records of the repository.</summary>
    public static StudyGenerator FromRepository()
    {
        var root = RepoPaths.Root;
        var files = Directory.GetFiles(Path.Combine(root, "samples"), "*.txt").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov"), "*.json")
                .Where(f => !f.EndsWith(".bundle.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            .ToList();
        var templates = new List<string>();
        foreach (var file in files)
        {
            var read = TrialDocumentReader.Read(File.ReadAllBytes(file), Path.GetFileName(file));
            if (read.Records.Count == 0)
            {
                throw new InvalidOperationException($"{file} gave no trial record: {read.RejectionReason}");
            }

            templates.AddRange(read.Records.Select(TrialRecordJson.Serialize));
        }

        return new StudyGenerator([.. templates]);
    }

    public static string NctId(int n) => "NCT9" + n.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The condition code of a group of studies: study n is in group n / 10, so each code matches 10 studies.</summary>
    public static string ConditionCode(int group) => "BENCH" + group.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The resource id the mapper gives study <paramref name="n"/> (derived from its NCT number).</summary>
    public static string StudyId(int n) => FhirIds.Slug(NctId(n));

    public ResearchStudy Study(int n) => TrialFhirMapper.Map(Record(n), new MappingOptions(Recorded)).Study;

    public TrialRecord Record(int n)
    {
        var record = TrialRecordJson.Deserialize(_templates[n % _templates.Length])
            ?? throw new InvalidOperationException("A template record did not read back.");
        var suffix = " (benchmark variant " + n.ToString(CultureInfo.InvariantCulture) + ")";
        var identifiers = record.Identifiers.Where(i => i.Kind != IdentifierKind.Nct)
            .Select(i => i with { Value = i.Value + "-B" + n.ToString(CultureInfo.InvariantCulture) })
            .Prepend(new TrialIdentifier(NctId(n), IdentifierKind.Nct))
            .ToList();
        record.Identifiers.Clear();
        record.Identifiers.AddRange(identifiers);
        record.BriefTitle = (record.BriefTitle ?? "Benchmark study") + suffix;
        record.OfficialTitle = record.OfficialTitle is null ? null : record.OfficialTitle + suffix;

        // Written as a condition with a MeSH term of the same name, so the mapper codes it: condition=<code> finds it.
        var group = n / StudiesPerCondition;
        var term = "Benchmark condition " + group.ToString(CultureInfo.InvariantCulture);
        record.Conditions.Add(term);
        record.ConditionMeshTerms.Add(new MeshTerm(term, ConditionCode(group)));
        return record;
    }
}
