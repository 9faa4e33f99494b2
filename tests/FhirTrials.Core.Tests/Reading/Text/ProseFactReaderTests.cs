using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class ProseFactReaderTests
{
    private static readonly string Head = "A Study of Drug X in Veterans With Tinnitus\nNCT Number: NCT01234567\n";

    [Fact]
    public void Status_sex_ages_and_size_stated_in_the_summary_are_read_with_a_warning_quoting_the_sentence()
    {
        var record = UnlabelledValueRecognizerTests.Read(Head
            + "Brief Summary: This study has been terminated. Participants can be men or women, 18 years or older. 60 veterans will join the study.\n");

        Assert.Equal(RecruitmentStatus.Terminated, record.Status);
        Assert.Equal(Sex.All, record.Eligibility.Sex);
        Assert.Equal(new Age(18, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Null(record.Eligibility.MaximumAge);
        Assert.Equal(new Enrollment(60, EnrollmentKind.Estimated), record.Enrollment);
        foreach (var field in new[] { "status", "eligibility.sex", "eligibility.minimumAge", "enrollment" })
        {
            var warning = Assert.Single(UnlabelledValueRecognizerTests.Inferred(record, field));
            Assert.Contains("unlabelled sentence", warning.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Brief Summary: This study has been terminated. 60 veterans will join. Men and women aged 18 to 65 years.\nStatus: Recruiting\nEnrollment: 80\nSex: Female\nAges: 40 Years to 70 Years\n")]
    [InlineData("Status: Recruiting\nEnrollment: 80\nSex: Female\nAges: 40 Years to 70 Years\nBrief Summary: This study has been terminated. 60 veterans will join. Men and women aged 18 to 65 years.\n")]
    public void A_sentence_never_overrides_a_labelled_value_whatever_the_order(string body)
    {
        var record = UnlabelledValueRecognizerTests.Read(Head + body);

        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal(80, record.Enrollment!.Count);
        Assert.Equal(Sex.Female, record.Eligibility.Sex);
        Assert.Equal(new Age(40, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Equal(new Age(70, AgeUnit.Years), record.Eligibility.MaximumAge);
        Assert.DoesNotContain(record.Warnings, w => w.Message.Contains("unlabelled sentence", StringComparison.Ordinal));
    }

    [Fact]
    public void An_age_range_and_a_finished_enrolment_in_prose_are_read_as_such()
    {
        var record = UnlabelledValueRecognizerTests.Read(Head + "Brief Summary: Adults aged 18 to 75 years were eligible. A total of 1,200 patients were randomised.\n");

        Assert.Equal(new Age(18, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Equal(new Age(75, AgeUnit.Years), record.Eligibility.MaximumAge);
        Assert.Equal(new Enrollment(1200, EnrollmentKind.Actual), record.Enrollment);
    }

    [Fact]
    public void A_sentence_about_another_study_or_without_a_stated_fact_gives_nothing()
    {
        var record = UnlabelledValueRecognizerTests.Read(Head + "Brief Summary: A previous study was terminated early. Tinnitus affects many veterans and women.\n");

        Assert.Null(record.Status);
        Assert.Null(record.Eligibility.Sex);
        Assert.Null(record.Enrollment);
    }

    [Fact]
    public void Recruitment_closed_in_a_sentence_is_not_a_completed_study()
    {
        var record = UnlabelledValueRecognizerTests.Read(Head + "Brief Summary: Recruitment for this study was completed in September 2025. Patients continue treatment.\n");

        Assert.Equal(RecruitmentStatus.ActiveNotRecruiting, record.Status);
    }

    [Fact]
    public void A_target_of_one_sex_gives_the_size_and_the_sex()
    {
        var record = UnlabelledValueRecognizerTests.Read(Head + "Brief Summary: This is a phase 3 trial. The team need 450 men to join this trial.\n");

        Assert.Equal(new Enrollment(450, EnrollmentKind.Estimated), record.Enrollment);
        Assert.Equal(Sex.Male, record.Eligibility.Sex);
        Assert.Single(UnlabelledValueRecognizerTests.Inferred(record, "eligibility.sex"));
    }

    [Fact]
    public void A_sentence_under_no_label_is_read_for_facts_too()
    {
        var record = UnlabelledValueRecognizerTests.Read(Head + "Key information\nAbout 46 people will take part in this study.\n");

        Assert.Equal(46, record.Enrollment!.Count);
    }
}
