using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class LabelDictionaryTests
{
    // WHO TRDS 1.3.1 items by their standard labels.
    [Theory]
    [InlineData("Primary Registry and Trial Identifying Number", nameof(PageField.NctId))]
    [InlineData("Date of Registration in Primary Registry", nameof(PageField.FirstSubmitted))]
    [InlineData("Secondary Identifying Numbers", nameof(PageField.OtherIdentifiers))]
    [InlineData("Source(s) of Monetary or Material Support", nameof(PageField.Sponsors))]
    [InlineData("Primary Sponsor", nameof(PageField.Sponsor))]
    [InlineData("Secondary Sponsor(s)", nameof(PageField.Collaborators))]
    [InlineData("Contact for Public Queries", nameof(PageField.CentralContact))]
    [InlineData("Contact for Scientific Queries", nameof(PageField.Officials))]
    [InlineData("Public Title", nameof(PageField.BriefTitle))]
    [InlineData("Scientific Title", nameof(PageField.OfficialTitle))]
    [InlineData("Countries of Recruitment", nameof(PageField.Countries))]
    [InlineData("Health Condition(s) or Problem(s) Studied", nameof(PageField.Conditions))]
    [InlineData("Intervention(s)", nameof(PageField.Interventions))]
    [InlineData("Key Inclusion and Exclusion Criteria", nameof(PageField.Eligibility))]
    [InlineData("Study Type", nameof(PageField.StudyType))]
    [InlineData("Date of First Enrollment", nameof(PageField.StartDate))]
    [InlineData("Sample Size", nameof(PageField.Enrollment))]
    [InlineData("Recruitment Status", nameof(PageField.Status))]
    [InlineData("Primary Outcome(s)", nameof(PageField.PrimaryOutcomes))]
    [InlineData("Key Secondary Outcomes", nameof(PageField.SecondaryOutcomes))]
    [InlineData("Ethics Review", nameof(PageField.Ignored))]
    [InlineData("Completion Date", nameof(PageField.CompletionDate))]
    [InlineData("Summary Results", nameof(PageField.Ignored))]
    [InlineData("IPD Sharing Statement", nameof(PageField.IpdPlan))]
    public void Every_TRDS_item_is_known_by_its_standard_label(string label, string field) => AssertLabel(label, field, "");

    // The registries' own labels, in their languages.
    [Theory]
    [InlineData("Condition category", nameof(PageField.Conditions))]
    [InlineData("Overall study status", nameof(PageField.Status))]
    [InlineData("Participant inclusion criteria", nameof(PageField.Inclusion))]
    [InlineData("Lower age limit", nameof(PageField.MinimumAge))]
    [InlineData("Upper age limit", nameof(PageField.MaximumAge))]
    [InlineData("Health condition / problem studied", nameof(PageField.Conditions))]
    [InlineData("Recruitment Status of Trial (Global)", nameof(PageField.Status))]
    [InlineData("Phase of Trial", nameof(PageField.Phase))]
    [InlineData("Age From", nameof(PageField.MinimumAge))]
    [InlineData("Age To", nameof(PageField.MaximumAge))]
    [InlineData("Target condition", nameof(PageField.Conditions))]
    [InlineData("Study phase", nameof(PageField.Phase))]
    [InlineData("Recruiting status", nameof(PageField.Status))]
    [InlineData("Age range", nameof(PageField.Ages))]
    [InlineData("Age-lower limit", nameof(PageField.MinimumAge))]
    [InlineData("Age-upper limit", nameof(PageField.MaximumAge))]
    [InlineData("Health condition or problem studied", nameof(PageField.Conditions))]
    [InlineData("Overall trial status", nameof(PageField.Status))]
    [InlineData("Rekrutierungsstatus", nameof(PageField.Status))]
    [InlineData("Erkrankung", nameof(PageField.Conditions))]
    [InlineData("Statut", nameof(PageField.Status))]
    [InlineData("Pathologie", nameof(PageField.Conditions))]
    [InlineData("Âge minimum", nameof(PageField.MinimumAge))]
    [InlineData("Estado", nameof(PageField.Status))]
    [InlineData("Condición médica", nameof(PageField.Conditions))]
    [InlineData("Fase", nameof(PageField.Phase))]
    [InlineData("Condições de saúde", nameof(PageField.Conditions))]
    [InlineData("Situação de recrutamento", nameof(PageField.Status))]
    [InlineData("Number of patients", nameof(PageField.Enrollment))]
    [InlineData("Target accrual", nameof(PageField.Enrollment))]
    [InlineData("Tamaño de muestra total", nameof(PageField.Enrollment))]
    [InlineData("Study subject ID", nameof(PageField.OtherIdentifiers))]
    [InlineData("Sponsor or person", nameof(PageField.Sponsor))]
    public void Registry_labels_are_known(string label, string field) => AssertLabel(label, field, "");

    [Theory]
    [InlineData("Target number of participants", nameof(PageField.Enrollment), "target")]
    [InlineData("Target sample size", nameof(PageField.Enrollment), "target")]
    [InlineData("E.1.1 Medical condition(s) being investigated", nameof(PageField.Conditions), "")]
    [InlineData("A.3\tFull title of the trial", nameof(PageField.OfficialTitle), "")]
    [InlineData("P.Date of the global end of the trial", nameof(PageField.CompletionDate), "")]
    [InlineData("Primary outcome [1]", nameof(PageField.PrimaryOutcomes), "")]
    [InlineData("Secondary ID [2]", nameof(PageField.OtherIdentifiers), "")]
    [InlineData("Acronym (If the trial has an acronym then please provide)", nameof(PageField.Acronym), "")]
    [InlineData("Anticipated target sample size (number of participants)", nameof(PageField.Enrollment), "anticipated")]
    [InlineData("Tatsächliches Studienende", nameof(PageField.CompletionDate), "tatsachliches")]
    [InlineData("Geplante Fallzahl", nameof(PageField.Enrollment), "geplante")]
    [InlineData("Date de début prévue", nameof(PageField.StartDate), "prevue")]
    [InlineData("Number of participants that the trial has enrolled", nameof(PageField.Enrollment), "actual")]
    [InlineData("Total final enrolment", nameof(PageField.Enrollment), "actual")]
    [InlineData("Data prevista para o primeiro recrutamento", nameof(PageField.StartDate), "estimated")]
    [InlineData("(Anticipated or Actual) Date of First Enrollment", nameof(PageField.StartDate), "")]
    public void Item_numbers_indexes_and_qualifiers_are_not_part_of_the_label(string label, string field, string qualifier) =>
        AssertLabel(label, field, qualifier);

    [Theory]
    [InlineData("CTRI Number\tCTRI/2023/06/054318", 11)]
    [InlineData("Trial Status:Prematurely Ended", 12)]
    [InlineData("A.3\tFull title of the trial\tA randomised trial", 27)]
    public void A_colon_or_a_tab_ends_the_label(string line, int at) => Assert.Equal(at, LabelDictionary.SeparatorIndex(line));

    [Fact]
    public void No_label_is_given_to_two_fields_except_where_an_earlier_set_deliberately_wins()
    {
        var owners = LabelDictionary.Sets.SelectMany(s => s.All.Select(l => (Key: TextKey.Of(l), s.Field)))
            .GroupBy(p => p.Key).Where(g => g.Select(p => p.Field).Distinct().Count() > 1).Select(g => g.Key).Order().ToList();

        Assert.Equal(["arms and interventions", "more information", "study details"], owners);
    }

    [Fact]
    public void Every_language_has_labels_for_the_TRDS_items()
    {
        var sets = LabelDictionary.Sets;
        Assert.All([sets.Sum(s => s.German?.Length ?? 0), sets.Sum(s => s.French?.Length ?? 0), sets.Sum(s => s.Spanish?.Length ?? 0), sets.Sum(s => s.Portuguese?.Length ?? 0)],
            count => Assert.True(count >= 80, $"only {count} labels"));
    }

    [Fact]
    public void A_yes_no_grid_gives_phase_design_and_sex()
    {
        var record = PageTextReader.Read("""
            EudraCT Number:2018-004417-35
            A.3 Full title of the trial: A trial of butyrate in ulcerative colitis
            E.7.1 Human pharmacology (Phase I): No
            E.7.2 Therapeutic exploratory (Phase II): Yes
            E.8.1.4 Double blind: Yes
            E.8.1.5 Parallel group: Yes
            F.2.1 Female: Yes
            F.2.2 Male: Yes
            """, new PageSource("euctr.txt", "0", DocumentFormat.Text)).Record!;

        Assert.Equal([TrialPhase.Phase2], record.Phases);
        Assert.Equal((Masking.Double, InterventionModel.Parallel, Sex.All), (record.Design.Masking, record.Design.InterventionModel, record.Eligibility.Sex));
        Assert.Equal("A trial of butyrate in ulcerative colitis", record.OfficialTitle);
    }

    private static void AssertLabel(string label, string field, string qualifier)
    {
        Assert.True(LabelDictionary.TryMatch(label, out var match), $"'{label}' is not a label");
        Assert.Equal((field, qualifier), (match.Field.ToString(), match.Qualifier));
    }
}
