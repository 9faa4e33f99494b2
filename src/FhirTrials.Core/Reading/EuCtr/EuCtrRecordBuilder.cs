using System.Globalization;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>
/// Builds one trial record from the member-state blocks of one EudraCT number. The blocks repeat the protocol, so the
/// text fields come from the first block that fills them; what differs by member state is gathered from all of them:
/// the countries (A.1), each country's status (one site per member state), the earliest authorisation (start date)
/// and the earliest entry in EudraCT (first submitted).
/// </summary>
internal sealed partial class EuCtrRecordBuilder
{
    private readonly List<EuCtrBlock> _blocks;
    private readonly TrialRecord _record;

    private EuCtrRecordBuilder(List<EuCtrBlock> blocks, SourceInfo source)
    {
        _blocks = blocks;
        _record = new TrialRecord { Source = source };
    }

    public static TrialRecord Build(List<EuCtrBlock> blocks, SourceInfo source)
    {
        var builder = new EuCtrRecordBuilder(blocks, source);
        builder.ReadIdentifiers();
        builder.ReadTitlesAndSummary();
        builder.ReadMemberStates();
        builder.ReadDesign();
        builder.ReadConditions();
        builder.ReadEligibility();
        builder.ReadPopulation();
        builder.ReadParties();
        builder.ReadProducts();
        builder.ReadOutcomes();
        return builder._record;
    }

    /// <summary>The first English value of the field in block order, with the field it came from.</summary>
    private EuCtrField? First(string code, string? labelStart = null) =>
        _blocks.Select(b => b.Find(code, labelStart)).FirstOrDefault(f => EuCtrBlock.Meaningful(f?.Value) is not null);

    private string? FirstValue(string code, string? labelStart, string provenanceField)
    {
        if (First(code, labelStart) is not { } field)
        {
            return null;
        }

        Cite(provenanceField, field);
        return field.Value.Trim();
    }

    private void Cite(string path, EuCtrField field) => _record.Provenance.Add(new FieldSource(path, field.FirstLine, field.LastLine));

    private void Warn(string? field, string message, int? line) => _record.Warnings.Add(new ReadWarning(field, message, line));

    private void ReadIdentifiers()
    {
        var first = _blocks[0];
        _record.Identifiers.Add(new TrialIdentifier(first.EudraCtNumber!, IdentifierKind.EudraCt, "EudraCT number"));
        var sponsor = _blocks.Select(b => b.Value("B.1.1")).FirstOrDefault(v => v is not null);
        var protocol = _blocks.Select(b => b.Summary("Sponsor's Protocol Code Number") ?? b.Value("A.4.1")).FirstOrDefault(v => v is not null);
        if (protocol is not null)
        {
            _record.Identifiers.Add(new TrialIdentifier(protocol, IdentifierKind.SponsorProtocol, "Sponsor's protocol code number", sponsor));
        }

        foreach (var block in _blocks)
        {
            AddRegistryId(block.Find("A.5.1"), v => v.StartsWith("ISRCTN", StringComparison.OrdinalIgnoreCase) ? v.ToUpperInvariant() : "ISRCTN" + v,
                IdentifierKind.OtherRegistry, "ISRCTN number", "ISRCTN", @"^(?:ISRCTN)?\d{8}$");
            AddRegistryId(block.Find("A.5.2"), v => v.ToUpperInvariant(), IdentifierKind.Nct, "US NCT number", "ClinicalTrials.gov", @"^NCT\d{8}$");
            AddRegistryId(block.Find("A.5.3"), v => v.ToUpperInvariant(), IdentifierKind.Other, "WHO Universal Trial Reference Number (UTRN)", "WHO", @"^U\d{4}-\d{4}-\d{4}$");
            foreach (var other in block.All("A.5.4").Where(f => EuCtrBlock.Meaningful(f.Value) is { Length: <= 100 } v && !v.Contains('\n', StringComparison.Ordinal)))
            {
                AddIdentifier(new TrialIdentifier(other.Value.Trim(), IdentifierKind.Other, other.Label));
            }
        }
    }

    private void AddRegistryId(EuCtrField? field, Func<string, string> normalise, IdentifierKind kind, string typeText, string assigner, string pattern)
    {
        if (EuCtrBlock.Meaningful(field?.Value) is not { } raw)
        {
            return;
        }

        var value = raw.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!System.Text.RegularExpressions.Regex.IsMatch(value, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant))
        {
            Warn("identifiers", $"{field!.Code} '{raw}' is not a {typeText}; it was kept as another identifier.", field.FirstLine);
            AddIdentifier(new TrialIdentifier(raw, IdentifierKind.Other, typeText));
            return;
        }

        AddIdentifier(new TrialIdentifier(normalise(value), kind, typeText, assigner));
    }

    private void AddIdentifier(TrialIdentifier identifier)
    {
        if (!_record.Identifiers.Any(i => string.Equals(i.Value, identifier.Value, StringComparison.OrdinalIgnoreCase)))
        {
            _record.Identifiers.Add(identifier);
        }
    }

    private void ReadTitlesAndSummary()
    {
        _record.OfficialTitle = FirstValue("A.3", "Full title", "officialTitle");
        _record.BriefTitle = FirstValue("A.3.1", "Title of the trial for lay people", "briefTitle");
        _record.Acronym = FirstValue("A.3.2", "Name or abbreviated title", "acronym");
        _record.BriefSummary = FirstValue("E.2.1", "Main objective", "briefSummary");
        _record.DetailedDescription = FirstValue("E.2.2", "Secondary objectives", "detailedDescription") is { } secondary
            ? "Secondary objectives of the trial: " + secondary
            : null;
        _record.StudyType = StudyType.Interventional;
    }

    private void ReadMemberStates()
    {
        var statuses = new List<RecruitmentStatus>();
        var words = new List<(string Status, string? Country)>();
        foreach (var block in _blocks)
        {
            var countryField = block.Find("A.1");
            var country = EuCtrVocabulary.MemberState(block.Value("A.1") ?? block.Summary("National Competent Authority"));
            var statusField = block.Find(string.Empty, "Trial Status") ?? block.Find("P", "End of Trial Status");
            var statusText = EuCtrBlock.Meaningful(statusField?.Value);
            RecruitmentStatus? status = null;
            if (statusText is not null)
            {
                words.Add((statusText, country));
                if (EuCtrVocabulary.TryStatus(statusText, out var known))
                {
                    status = known;
                    statuses.Add(known);
                }
                else
                {
                    Warn("status", $"Trial status '{statusText}' is not one the EU Clinical Trials Register uses; it was kept as text.", statusField!.FirstLine);
                }
            }

            if (country is null || _record.Countries.Contains(country, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            _record.Countries.Add(country);
            if (countryField is not null)
            {
                Cite($"countries[{_record.Countries.Count - 1}]", countryField);
            }

            _record.Locations.Add(new Site { Country = country, Status = status });
        }

        _record.Status = EuCtrVocabulary.Overall(statuses);
        _record.StatusText = words.Select(w => w.Status).Distinct(StringComparer.OrdinalIgnoreCase).Count() <= 1
            ? words.Select(w => w.Status).FirstOrDefault()
            : string.Join("; ", words.GroupBy(w => w.Status, StringComparer.OrdinalIgnoreCase)
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(w => w.Country ?? "?").Distinct())})"));

        _record.Dates.Start = Earliest(_blocks
            .Where(b => b.Value("N", "Competent Authority Decision") is null or "Authorised")
            .Select(b => b.Find("N", "Date of Competent Authority Decision")), "dates.start", DateKind.Unspecified);
        _record.Dates.FirstSubmitted = Earliest(_blocks.Select(b => b.Find(string.Empty, "Date on which this record was first entered")), "dates.firstSubmitted", DateKind.Actual);
        _record.Dates.Completion = Earliest(_blocks.Select(b => b.Find("P", "Date of the global end of the trial")), "dates.completion", DateKind.Actual);
    }

    private TrialDate? Earliest(IEnumerable<EuCtrField?> fields, string path, DateKind kind)
    {
        (TrialDate Date, EuCtrField Field)? earliest = null;
        foreach (var field in fields)
        {
            if (EuCtrBlock.Meaningful(field?.Value) is not { } text)
            {
                continue;
            }

            if (!DateNormalizer.TryParse(text, kind, out var date, out var problem))
            {
                Warn(path, $"{field!.Label} '{text}': {problem}.", field.FirstLine);
                continue;
            }

            if (earliest is null || Key(date!) < Key(earliest.Value.Date))
            {
                earliest = (date!, field!);
            }
        }

        if (earliest is { } found)
        {
            Cite(path, found.Field);
        }

        return earliest?.Date;

        static int Key(TrialDate d) => (d.Year * 10000) + ((d.Month ?? 0) * 100) + (d.Day ?? 0);
    }

    private static int? WholeNumber(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
