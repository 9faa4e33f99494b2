using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Normalization;

/// <summary>The words the WHO primary registries and the five languages' sites print for status, phase, age, sex, enrollment and dates.</summary>
public sealed class RegistryVocabularyTests
{
    [Theory]
    [InlineData("Recruiting", RecruitmentStatus.Recruiting)]
    [InlineData("Not yet recruiting", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Closed to Recruitment of Participants", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Open to Recruitment", RecruitmentStatus.Recruiting)]
    [InlineData("Prematurely Ended", RecruitmentStatus.Terminated)]
    [InlineData("Stopped early", RecruitmentStatus.Terminated)]
    [InlineData("Completed", RecruitmentStatus.Completed)]
    [InlineData("Ongoing", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Trial ongoing", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Authorised, recruitment pending", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Ongoing, recruitment ended", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Ended", RecruitmentStatus.Completed)]
    [InlineData("Pending", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Suspended", RecruitmentStatus.Suspended)]
    [InlineData("Withdrawn", RecruitmentStatus.Withdrawn)]
    [InlineData("Terminated", RecruitmentStatus.Terminated)]
    [InlineData("Active, not recruiting", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Not Recruiting", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("No longer recruiting", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Recruitment completed", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Recruitment complete", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Closed: follow-up complete", RecruitmentStatus.Completed)]
    [InlineData("Main results already published", RecruitmentStatus.Completed)]
    [InlineData("Preinitiation", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Open public recruiting", RecruitmentStatus.Recruiting)]
    [InlineData("Recruiting complete, study complete", RecruitmentStatus.Completed)]
    [InlineData("Teilnahme möglich", RecruitmentStatus.Recruiting)]
    [InlineData("Rekrutierung läuft", RecruitmentStatus.Recruiting)]
    [InlineData("Rekrutierung abgeschlossen", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Rekrutierung abgeschlossen, Studie abgeschlossen", RecruitmentStatus.Completed)]
    [InlineData("En cours de recrutement", RecruitmentStatus.Recruiting)]
    [InlineData("Recrutement terminé", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Reclutando", RecruitmentStatus.Recruiting)]
    [InlineData("Finalizado", RecruitmentStatus.Completed)]
    [InlineData("Recrutando", RecruitmentStatus.Recruiting)]
    [InlineData("Ainda não recrutando", RecruitmentStatus.NotYetRecruiting)]
    public void Registry_status_words(string text, RecruitmentStatus expected)
    {
        Assert.True(StatusNormalizer.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("Phase-III", "Phase3")]
    [InlineData("phase II", "Phase2")]
    [InlineData("Phase I/II", "Phase1,Phase2")]
    [InlineData("fase I/II", "Phase1,Phase2")]
    [InlineData("Phase 2/Phase 3", "Phase2,Phase3")]
    [InlineData("Phase 2 / Phase 3", "Phase2,Phase3")]
    [InlineData("Phase II/III", "Phase2,Phase3")]
    [InlineData("Phase 0", "EarlyPhase1")]
    [InlineData("N/A", "NotApplicable")]
    [InlineData("Not Applicable", "NotApplicable")]
    [InlineData("Phase 1b", "Phase1")]
    [InlineData("Phase Ib/IIa", "Phase1,Phase2")]
    [InlineData("Therapeutic exploratory (Phase II)", "Phase2")]
    [InlineData("Phase II and phase III (integrated)", "Phase2,Phase3")]
    [InlineData("Studienphase III", "Phase3")]
    public void Registry_phase_wordings(string text, string expected)
    {
        Assert.True(PhaseNormalizer.TryParse(text, out var phases));
        Assert.Equal(expected, string.Join(',', phases));
    }

    [Theory]
    [InlineData("2-3", "Phase2,Phase3")]
    [InlineData("II/III", "Phase2,Phase3")]
    [InlineData("4", "Phase4")]
    public void Bare_numerals_are_phases_only_under_a_phase_label(string text, string expected)
    {
        Assert.False(PhaseNormalizer.TryParse(text, out _));
        Assert.True(PhaseNormalizer.TryParseLabelled(text, out var phases));
        Assert.Equal(expected, string.Join(',', phases));
    }

    [Theory]
    [InlineData("18 Years → 75 Years", "18 Years", "75 Years")]
    [InlineData("18-75", "18 Years", "75 Years")]
    [InlineData("From 18 years old to 60 years old", "18 Years", "60 Years")]
    [InlineData("ab 18 Jahren bis 70 Jahre", "18 Years", "70 Years")]
    [InlineData("ab 65 Jahren", "65 Years", null)]
    [InlineData("18 ans et plus", "18 Years", null)]
    [InlineData("mayores de 18 años", "18 Years", null)]
    [InlineData("60 a 99 anos", "60 Years", "99 Years")]
    [InlineData("no limit", null, null)]
    public void Registry_age_ranges(string text, string? min, string? max)
    {
        Assert.True(AgeNormalizer.TryParseRange(text, out var range));
        Assert.Equal((min, max), (Describe(range!.Minimum), Describe(range.Maximum)));
    }

    [Theory]
    [InlineData("18.00 Year(s)", "18 Years")]
    [InlineData("20 years-old", "20 Years")]
    [InlineData("18 Jahre", "18 Years")]
    [InlineData("6 meses", "6 Months")]
    public void Registry_single_ages(string text, string expected)
    {
        Assert.True(AgeNormalizer.TryParseAge(text, out var age));
        Assert.Equal(expected, Describe(age));
    }

    [Theory]
    [InlineData("no limit")]
    [InlineData("No maximum age")]
    [InlineData("Not applicable")]
    [InlineData("keine")]
    public void No_limit_words(string text) => Assert.True(AgeNormalizer.IsNoLimit(text));

    [Theory]
    [InlineData("Both males and females", Sex.All)]
    [InlineData("men or women", Sex.All)]
    [InlineData("Male and Female", Sex.All)]
    [InlineData("Both", Sex.All)]
    [InlineData("Männlich und weiblich", Sex.All)]
    [InlineData("Hommes et femmes", Sex.All)]
    [InlineData("Ambos", Sex.All)]
    [InlineData("alle", Sex.All)]
    [InlineData("Female", Sex.Female)]
    [InlineData("Mujeres", Sex.Female)]
    [InlineData("Male only", Sex.Male)]
    public void Registry_sex_wordings(string text, Sex expected)
    {
        Assert.True(ParticipantNormalizer.TryParseSex(text, out var sex));
        Assert.Equal(expected, sex);
    }

    [Theory]
    [InlineData("Men and women with type 2 diabetes")]
    [InlineData("Women's health")]
    public void Sex_words_in_a_sentence_are_not_a_sex(string text) => Assert.False(ParticipantNormalizer.TryParseSex(text, out _));

    [Theory]
    [InlineData("Target number of participants: 120", 120, EnrollmentKind.Estimated)]
    [InlineData("Target sample size 240", 240, EnrollmentKind.Estimated)]
    [InlineData("Total: 300", 300, EnrollmentKind.Unspecified)]
    [InlineData("280 Teilnehmende", 280, EnrollmentKind.Unspecified)]
    [InlineData("240 participantes", 240, EnrollmentKind.Unspecified)]
    [InlineData("Final: 118", 118, EnrollmentKind.Actual)]
    public void Registry_enrollment_wordings(string text, int count, EnrollmentKind kind)
    {
        Assert.True(EnrollmentNormalizer.TryParse(text, EnrollmentKind.Unspecified, out var enrollment));
        Assert.Equal((count, kind), (enrollment!.Count, enrollment.Kind));
    }

    [Theory]
    [InlineData("02.10.2025", "2025-10-02")]
    [InlineData("2019 Year 04 Month 01 Day", "2019-04-01")]
    [InlineData("2023-05-21, 1402/02/31", "2023-05-21")]
    [InlineData("1 de enero de 2024", "2024-01-01")]
    [InlineData("15 de março de 2022", "2022-03-15")]
    [InlineData("3. März 2021", "2021-03-03")]
    [InlineData("Dezember 2023", "2023-12")]
    [InlineData("02/05/2022 (dd/mm/aaaa)", "2022-05-02")]
    [InlineData("05/02/2022 (mm/dd/yyyy)", "2022-05-02")]
    public void Registry_date_formats(string text, string expected)
    {
        Assert.True(DateNormalizer.TryParse(text, out var date));
        Assert.Equal(expected, date!.ToString());
    }

    [Theory]
    [InlineData("Double blind -all involved are blinded", Masking.Double)]
    [InlineData("Duplo-cego", Masking.Double)]
    [InlineData("Doppelblind", Masking.Double)]
    [InlineData("Abierto", Masking.None)]
    public void Registry_masking_wordings(string text, Masking expected)
    {
        Assert.True(DesignNormalizer.TryParseMasking(text, out var masking, out _));
        Assert.Equal(expected, masking);
    }

    [Fact]
    public void A_wording_listed_with_two_meanings_is_refused_when_the_table_is_built() =>
        Assert.Throws<InvalidOperationException>(() => new Vocabulary<Sex>([("Both", Sex.All), ("Both", Sex.Male)]));

    private static string? Describe(Age? age) => age is null ? null : $"{age.Value} {age.Unit}";
}
