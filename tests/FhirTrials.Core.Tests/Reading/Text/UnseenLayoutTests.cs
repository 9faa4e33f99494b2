using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>Pages of sites and layouts the reader was not written against: labels from the dictionary, no new code.</summary>
public sealed class UnseenLayoutTests
{
    [Fact]
    public void A_field_value_registry_page_never_seen_before_reads_title_ids_status_phase_conditions_and_eligibility()
    {
        var record = ReadPage("national-registry-labelled.txt");

        Assert.Equal("labelled-page", record.Source.Layout);
        Assert.Equal("Inhaled budesonide-formoterol as needed versus daily maintenance in adults with mild asthma", record.BriefTitle);
        Assert.StartsWith("A randomised, open-label, pragmatic trial", record.OfficialTitle, StringComparison.Ordinal);
        Assert.Equal("AIR-MILD", record.Acronym);
        Assert.Equal(
            [
                new TrialIdentifier("ISRCTN48213957", IdentifierKind.OtherRegistry, Assigner: "ISRCTN"),
                new TrialIdentifier("2023-004512-18", IdentifierKind.EudraCt, "EudraCT number"),
                new TrialIdentifier("NCT06011223", IdentifierKind.Nct),
                new TrialIdentifier("EXR-2023-07", IdentifierKind.SponsorProtocol, "Sponsor protocol number"),
            ],
            record.Identifiers);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal([TrialPhase.Phase2, TrialPhase.Phase3], record.Phases);
        Assert.Equal(["Asthma", "Mild persistent asthma"], record.Conditions);
        Assert.Equal(
            ["Adults aged 18 to 75 years with physician-diagnosed asthma for at least 6 months", "Using low-dose inhaled corticosteroid or reliever only in the previous 3 months", "Able to give written informed consent"],
            record.Eligibility.Inclusion);
        Assert.Equal(
            ["Current or former smokers with more than 10 pack-years", "Asthma exacerbation requiring oral corticosteroids in the previous 6 weeks", "Pregnancy or breastfeeding"],
            record.Eligibility.Exclusion);
        Assert.Equal(new Age(18, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Equal(new Age(75, AgeUnit.Years), record.Eligibility.MaximumAge);
        Assert.Equal(Sex.All, record.Eligibility.Sex);
        Assert.False(record.Eligibility.HealthyVolunteers);
        Assert.Equal(new Enrollment(480, EnrollmentKind.Estimated), record.Enrollment);
        Assert.Equal(new TrialDate(2024, 1, 15), record.Dates.Start);
        Assert.Equal(Allocation.Randomized, record.Design.Allocation);
        Assert.Equal(Masking.None, record.Design.Masking);
        Assert.Equal(new Party("University of Exampleton"), record.LeadSponsor);
        Assert.Equal([new Contact("Dr Jane Example", Phone: "+44 20 7946 0000", Email: "jane.example@exampleton.ac.uk")], record.CentralContacts);
        Assert.Contains(record.Warnings, w => w.Field == "dates.firstSubmitted" && w.Message.Contains("02/10/2023", StringComparison.Ordinal) && w.Message.Contains("ambiguous", StringComparison.Ordinal));
    }

    [Fact]
    public void A_french_registry_page_reads_with_french_labels_dates_and_values()
    {
        var record = ReadPage("registre-francais.txt");

        Assert.Equal("Hydroxychloroquine à faible dose dans le lupus cutané chronique", record.BriefTitle);
        Assert.Equal(
            [
                new TrialIdentifier("NCT06123456", IdentifierKind.Nct),
                new TrialIdentifier("2023-507712-21-00", IdentifierKind.EuCt, "EU CT number"),
                new TrialIdentifier("APHM-2023-19", IdentifierKind.SponsorProtocol),
            ],
            record.Identifiers);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal([TrialPhase.Phase3], record.Phases);
        Assert.Equal(["Lupus érythémateux cutané chronique"], record.Conditions);
        Assert.Equal(new TrialDate(2024, 2, 1), record.Dates.Start);
        Assert.Equal(new TrialDate(2026, 12), record.Dates.Completion);
        Assert.Equal(new Age(18, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Null(record.Eligibility.MaximumAge);
        Assert.Equal(Sex.All, record.Eligibility.Sex);
        Assert.False(record.Eligibility.HealthyVolunteers);
        Assert.Equal(["Lupus cutané chronique confirmé histologiquement", "Traitement par hydroxychloroquine depuis au moins 12 mois"], record.Eligibility.Inclusion);
        Assert.Equal(["Grossesse ou allaitement", "Rétinopathie connue"], record.Eligibility.Exclusion);
    }

    [Fact]
    public void A_current_ctgov_page_with_qualifiers_after_its_labels_reads()
    {
        var record = ReadPage("ctgov-current-page.txt");

        Assert.Equal("ClinicalTrials.gov", record.Source.SiteName);
        Assert.StartsWith("A Phase 2, Randomized", record.OfficialTitle, StringComparison.Ordinal);
        Assert.Equal([new TrialIdentifier("XA-201", IdentifierKind.SponsorProtocol)], record.Identifiers);
        Assert.Equal(["Asthma"], record.Conditions);
        Assert.Equal(["Drug X", "Placebo"], record.Interventions.Select(i => i.Name));
        Assert.Equal(new TrialDate(2023, 1, 15, DateKind.Actual), record.Dates.Start);
        Assert.Equal(new TrialDate(2025, 6, null, DateKind.Estimated), record.Dates.PrimaryCompletion);
        Assert.Equal(new TrialDate(2025, 12, null, DateKind.Estimated), record.Dates.Completion);
        Assert.Equal(new TrialDate(2022, 11, 30), record.Dates.FirstSubmitted);
        Assert.Equal(new TrialDate(2024, 5, 2, DateKind.Estimated), record.Dates.LastUpdatePosted);
        Assert.Equal(new Enrollment(120, EnrollmentKind.Estimated), record.Enrollment);
        Assert.Equal([TrialPhase.Phase2], record.Phases);
        Assert.Equal(["Adults aged 18 to 65 years", "Asthma for at least 12 months"], record.Eligibility.Inclusion);
        Assert.Equal(["Pregnancy", "Current smoker"], record.Eligibility.Exclusion);
        Assert.Equal(["Adult"], record.Eligibility.StandardAges);
        Assert.Equal(
            [(OutcomeKind.Primary, "Change in FEV1", "12 weeks", null), (OutcomeKind.Secondary, "Asthma exacerbations", "24 weeks", "Events needing systemic corticosteroids")],
            record.Outcomes.Select(o => (o.Kind, o.Measure, o.TimeFrame, o.Description)));
        Assert.Equal(new Party("Example Pharma Inc."), record.LeadSponsor);
        Assert.Empty(record.Warnings);
    }

    [Fact]
    public void An_html_page_of_an_unseen_layout_reads_title_ids_status_phase_conditions_and_eligibility()
    {
        var html = File.ReadAllText(PagePath("hospital-trial-page.html"));
        var result = PageTextReader.ReadHtml(html, new PageSource("hospital-trial-page.html", "0", DocumentFormat.Html));
        var record = result.Record!;

        Assert.Equal(DocumentFormat.Html, record.Source.Format);
        Assert.Equal("table-page", record.Source.Layout);
        Assert.Equal("Semaglutide and structured exercise for remission of early type 2 diabetes", record.BriefTitle);
        Assert.Equal("SEMEX-2", record.Acronym);
        Assert.Equal([new TrialIdentifier("NCT05588771", IdentifierKind.Nct), new TrialIdentifier("EUH-DIAB-2022-14", IdentifierKind.SponsorProtocol)], record.Identifiers);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal([TrialPhase.Phase3], record.Phases);
        Assert.Equal(["Type 2 Diabetes Mellitus", "Obesity"], record.Conditions);
        Assert.Equal(
            ["Type 2 diabetes diagnosed within the last 3 years", "HbA1c between 6.5% and 9.0%", "measured within 4 weeks before screening", "BMI ≥ 27 kg/m²"],
            record.Eligibility.Inclusion);
        Assert.Equal(["Insulin treatment", "History of pancreatitis"], record.Eligibility.Exclusion);
        Assert.Equal(new Age(30, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Equal(new Age(65, AgeUnit.Years), record.Eligibility.MaximumAge);
        Assert.Equal(new Party("Example University Hospital"), record.LeadSponsor);
        Assert.StartsWith("This study tests whether", record.BriefSummary, StringComparison.Ordinal);
        Assert.DoesNotContain(record.Identifiers, i => i.Value == "NCT04111111");
    }

    [Fact]
    public void Labels_run_into_their_values_by_inline_html_elements_are_read()
    {
        var html = "<h1>Vitamin D for fatigue in multiple sclerosis</h1><div><span>NCT Number</span> <span>NCT04445555</span></div>"
            + "<div><span>Status</span> <span>Recruiting</span></div><div><span>Phase</span> <span>Phase 2</span></div>"
            + "<div><span>Sex</span> <span>Female</span></div><div><span>Study Start</span> <span>March 2024</span></div>"
            + "<div><b>Conditions:</b> Multiple Sclerosis</div><p>Inclusion Body Myositis patients are not eligible.</p>";

        var record = PageTextReader.ReadHtml(html, new PageSource("inline.html", "0", DocumentFormat.Html)).Record!;

        Assert.Equal("NCT04445555", record.NctId);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal([TrialPhase.Phase2], record.Phases);
        Assert.Equal(Sex.Female, record.Eligibility.Sex);
        Assert.Equal(new TrialDate(2024, 3), record.Dates.Start);
        Assert.Equal(["Multiple Sclerosis"], record.Conditions);
        Assert.Empty(record.Eligibility.Inclusion);
    }

    internal static string PagePath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "Pages", file);

    private static TrialRecord ReadPage(string file) =>
        PageTextReader.Read(File.ReadAllText(PagePath(file)), new PageSource(file, "0", DocumentFormat.Text)).Record!;
}
