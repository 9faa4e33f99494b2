using System.Text;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.EuCtr;

/// <summary>The export's rules on small records written in its layout: merging, identifiers, statuses, ages, detection.</summary>
public sealed class EuCtrTextReaderTests
{
    private const string Header = "This file contains full details on each clinical trial selected for download. Where multi-state trials have been downloaded full information for each of the member states/countries involved in the trial are included separately.";

    private static string Block(string eudraCt, string authority, string status, params string[] fields) => string.Join('\n',
    [
        "Summary", $"EudraCT Number: {eudraCt}", "Sponsor's Protocol Code Number: P-1", $"National Competent Authority: {authority}",
        "Clinical Trial Type: EEA CTA", $"Trial Status: {status}", "Date on which this record was first entered in the EudraCT database: 2015-03-02",
        $"Link: https://www.clinicaltrialsregister.eu/ctr-search/trial/{eudraCt}/XX/", string.Empty, "A. Protocol Information",
        $"A.1 Member State Concerned: {authority}", $"A.2 EudraCT number: {eudraCt}", .. fields, string.Empty,
    ]) + "\n";

    private static DocumentReadResult Read(params string[] blocks) =>
        TrialDocumentReader.Read(Encoding.UTF8.GetBytes(Header + "\n\n" + string.Concat(blocks)), "export.txt");

    [Fact]
    public void A_value_continues_over_lines_until_the_next_field_and_translations_are_ignored()
    {
        var record = Read(Block("2015-000001-11", "Germany - BfArM", "Ongoing",
            "A.3 Full title of the trial: A first line",
            "and its second line",
            "A.3 Full title of the trial (de): Eine Studie",
            "E. General Information on the Trial",
            "E.3 Principal inclusion criteria: 1. Adults",
            "A. Part A only: cohort one",
            "E. coli infection excluded",
            "2. Consent",
            "E.4 Principal exclusion criteria: 1. Pregnancy",
            "P. End of Trial",
            "P. End of Trial Status: Ongoing")).Records.Single();

        Assert.Equal("A first line\nand its second line", record.OfficialTitle);
        Assert.Equal(["Adults A. Part A only: cohort one E. coli infection excluded", "Consent"], record.Eligibility.Inclusion);
        Assert.Equal(["Pregnancy"], record.Eligibility.Exclusion);
    }

    [Fact]
    public void Bulleted_criteria_without_numbers_are_split_by_the_shared_splitter()
    {
        var record = Read(Block("2015-000012-12", "Malta - Medicines Authority", "Ongoing",
            "E. General Information on the Trial",
            "E.3 Principal inclusion criteria: - Adults",
            "- Written consent")).Records.Single();

        Assert.Equal(["Adults", "Written consent"], record.Eligibility.Inclusion);
        Assert.Equal(["Malta"], record.Countries);
    }

    [Fact]
    public void Registry_numbers_under_A5_become_identifiers_of_their_registries()
    {
        var record = Read(Block("2015-000002-22", "France - ANSM", "Completed",
            "A.5.1 ISRCTN (International Standard Randomised Controlled Trial) number: ISRCTN12345678",
            "A.5.2 US NCT (ClinicalTrials.gov registry) number: nct01234567",
            "A.5.3 WHO Universal Trial Reference Number (UTRN): U1111-1234-5678",
            "B. Sponsor Information",
            "B.1.1 Name of Sponsor: Hôpital Test")).Records.Single();

        Assert.Contains(new TrialIdentifier("ISRCTN12345678", IdentifierKind.OtherRegistry, "ISRCTN number", "ISRCTN"), record.Identifiers);
        Assert.Contains(new TrialIdentifier("NCT01234567", IdentifierKind.Nct, "US NCT number", "ClinicalTrials.gov"), record.Identifiers);
        Assert.Contains(new TrialIdentifier("U1111-1234-5678", IdentifierKind.Other, "WHO Universal Trial Reference Number (UTRN)", "WHO"), record.Identifiers);
        Assert.Equal("NCT01234567", record.NctId);
        Assert.Equal(new TrialIdentifier("P-1", IdentifierKind.SponsorProtocol, "Sponsor's protocol code number", "Hôpital Test"), record.Identifiers[1]);
    }

    [Fact]
    public void A_malformed_registry_number_is_kept_as_another_identifier_with_a_warning()
    {
        var record = Read(Block("2015-000003-33", "Italy - AIFA", "Ongoing",
            "A.5.2 US NCT (ClinicalTrials.gov registry) number: pending")).Records.Single();

        Assert.Null(record.NctId);
        Assert.Contains(record.Identifiers, i => i is { Value: "pending", Kind: IdentifierKind.Other });
        Assert.Contains(record.Warnings, w => w.Field == "identifiers");
    }

    [Fact]
    public void Member_states_give_countries_sites_and_an_overall_status_that_stays_open_while_one_state_runs()
    {
        var result = Read(
            Block("2015-000004-44", "France - ANSM", "Completed", "P. End of Trial", "P. Date of the global end of the trial: 2019-06-30"),
            Block("2015-000004-44", "Germany - BfArM", "Ongoing"),
            Block("2015-000004-44", "UK - MHRA", "Completed"));

        var record = Assert.Single(result.Records);
        Assert.Equal(["France", "Germany", "United Kingdom"], record.Countries);
        Assert.Equal([RecruitmentStatus.Completed, RecruitmentStatus.ActiveNotRecruiting, RecruitmentStatus.Completed], record.Locations.Select(l => l.Status));
        Assert.Equal(RecruitmentStatus.ActiveNotRecruiting, record.Status);
        Assert.Equal("Completed (France, United Kingdom); Ongoing (Germany)", record.StatusText);
        Assert.Equal(new TrialDate(2019, 6, 30, DateKind.Actual), record.Dates.Completion);
    }

    [Theory]
    [InlineData("Prematurely Ended", RecruitmentStatus.Terminated)]
    [InlineData("Temporarily Halted", RecruitmentStatus.Suspended)]
    [InlineData("Restarted", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Not Authorised", RecruitmentStatus.Withdrawn)]
    [InlineData("Completed", RecruitmentStatus.Completed)]
    public void Register_status_words_normalise_and_are_kept_as_text(string words, RecruitmentStatus expected)
    {
        var record = Read(Block("2015-000005-55", "Spain - AEMPS", words)).Records.Single();

        Assert.Equal(expected, record.Status);
        Assert.Equal(words, record.StatusText);
    }

    [Fact]
    public void An_unknown_status_is_kept_as_text_with_a_warning()
    {
        var record = Read(Block("2015-000006-66", "Spain - AEMPS", "Under review")).Records.Single();

        Assert.Null(record.Status);
        Assert.Equal("Under review", record.StatusText);
        Assert.Contains(record.Warnings, w => w.Field == "status");
    }

    [Fact]
    public void Children_only_trials_get_a_maximum_age_and_elderly_only_trials_a_minimum()
    {
        var children = Read(Block("2015-000007-77", "Spain - AEMPS", "Ongoing", "F. Population of Trial Subjects",
            "F.1.1 Trial has subjects under 18: Yes", "F.1.2 Adults (18-64 years): No", "F.1.3 Elderly (>=65 years): No",
            "F.2.1 Female: Yes", "F.2.2 Male: No")).Records.Single();
        var elderly = Read(Block("2015-000008-88", "Spain - AEMPS", "Ongoing", "F. Population of Trial Subjects",
            "F.1.1 Trial has subjects under 18: No", "F.1.2 Adults (18-64 years): No", "F.1.3 Elderly (>=65 years): Yes")).Records.Single();

        Assert.Null(children.Eligibility.MinimumAge);
        Assert.Equal(new Age(17, AgeUnit.Years), children.Eligibility.MaximumAge);
        Assert.Equal(["Child"], children.Eligibility.StandardAges);
        Assert.Equal(Sex.Female, children.Eligibility.Sex);
        Assert.Equal(new Age(65, AgeUnit.Years), elderly.Eligibility.MinimumAge);
        Assert.Null(elderly.Eligibility.MaximumAge);
    }

    [Fact]
    public void A_single_state_trial_without_a_whole_trial_count_uses_the_member_state_count()
    {
        var record = Read(Block("2015-000009-99", "Spain - AEMPS", "Ongoing", "E. General Information on the Trial",
            "E.8.5 The trial involves multiple Member States: No", "F. Population of Trial Subjects", "F.4.1 In the member state: 40")).Records.Single();

        Assert.Equal(new Enrollment(40, EnrollmentKind.Estimated), record.Enrollment);
    }

    [Fact]
    public void The_export_shape_is_recognised_without_its_header_line()
    {
        var text = Block("2015-000010-10", "Spain - AEMPS", "Ongoing", "A.3 Full title of the trial: Headerless");

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(text), "cut.txt");

        Assert.Equal(DocumentFormat.EuCtrText, result.Format);
        Assert.Equal("Headerless", Assert.Single(result.Records).OfficialTitle);
    }

    [Fact]
    public void Criteria_with_markup_like_text_do_not_turn_the_export_into_html()
    {
        var record = Read(Block("2015-000013-13", "Spain - AEMPS", "Ongoing", "E. General Information on the Trial",
            "E.3 Principal inclusion criteria: 1. Response <p 0.05", "2. Score <p 3", "3. Index <p 2", "4. Ratio <p 1", "5. Level <p 9", "6. Gap <p 4")).Records.Single();

        Assert.Equal(DocumentFormat.EuCtrText, record.Source.Format);
        Assert.Equal("Response <p 0.05", record.Eligibility.Inclusion[0]);
    }

    [Fact]
    public void A_page_that_only_quotes_an_EudraCT_number_is_not_taken_for_an_export()
    {
        var page = "Study of something\nEudraCT Number: 2015-000011-11\nStatus: Recruiting\nCondition: Asthma\n";

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(page), "page.txt");

        Assert.NotEqual(DocumentFormat.EuCtrText, result.Format);
    }

    [Fact]
    public void An_export_header_without_any_record_is_refused_with_a_reason()
    {
        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(Header + "\n\nNo trials matched.\n"), "empty.txt");

        Assert.True(result.IsRejected);
        Assert.Contains("EudraCT Number", result.RejectionReason, StringComparison.Ordinal);
    }
}
