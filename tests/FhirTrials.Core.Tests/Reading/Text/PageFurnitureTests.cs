using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class PageFurnitureTests
{
    private static PageLine Line(string text) => PageLines.Split(text)[0];

    [Theory]
    [InlineData("Skip to main content")]
    [InlineData("Share")]
    [InlineData("Print")]
    [InlineData("Back to results")]
    [InlineData("Sign in")]
    [InlineData("Accept all")]
    [InlineData("We use cookies to give you the best experience on our website.")]
    [InlineData("Home > Clinical trials > Oncology")]
    [InlineData("Trials › Neurology › Parkinson")]
    [InlineData("Sponsor logo")]
    [InlineData("Email address*")]
    [InlineData("Data sourced from a public registry")]
    [InlineData("About us   Research   Patients   Healthcare professionals")]
    [InlineData("Home | Search | Register Trial | FAQ | Login")]
    [InlineData("Home / Trial Display")]
    [InlineData("Help us improve our website: tell us about your visit in a short survey")]
    public void Controls_consent_breadcrumbs_menus_placeholders_and_form_fields_are_furniture(string text)
    {
        var line = Line(text);
        Assert.True(PageFurniture.IsFurniture(line) || PageFurniture.IsReaderAddress(line, FhirTrials.Core.Reading.Normalization.TextKey.Of(line.Content)));
    }

    [Theory]
    [InlineData("Recruiting")]
    [InlineData("Open")]
    [InlineData("Home-based exercise programme")]
    [InlineData("Sign informed consent before any study procedure")]
    [InlineData("Age > 18 years and BMI > 30")]
    [InlineData("Save Lives With Early Sepsis Care (SAVE)")]
    [InlineData("Drug X | Placebo | Recruiting | Phase 2")]
    [InlineData("Asthma and/or COPD")]
    public void Values_that_share_words_with_controls_are_not_furniture(string text)
    {
        Assert.False(PageFurniture.IsFurniture(Line(text)));
    }

    [Fact]
    public void A_menu_run_at_the_top_is_dropped_but_a_list_under_a_heading_is_kept()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "Find a trial\nAbout us\nNews\nDonate\nA Study of Drug X in Chronic Obstructive Pulmonary Disease\nNCT Number: NCT01234567\nConditions\nAsthma\nBronchitis\nEmphysema\n");

        Assert.Equal("A Study of Drug X in Chronic Obstructive Pulmonary Disease", record.BriefTitle);
        Assert.Equal(["Asthma", "Bronchitis", "Emphysema"], record.Conditions);
    }

    [Fact]
    public void A_banner_or_notice_above_the_title_is_not_the_title()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "Now available for public comment: draft guidance on registering trials\nImportant: planned maintenance on Sunday\nEfficacy of Drug X in Adults With Gout\nNCT Number: NCT01234567\nStatus: Recruiting\n");

        Assert.Equal("Efficacy of Drug X in Adults With Gout", record.BriefTitle);
    }

    [Fact]
    public void A_title_label_wins_over_any_line_above_it()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "Clinical Research Network Newsletter for Patients\nPublic title: Efficacy of Drug X in Adults With Gout\nNCT Number: NCT01234567\n");

        Assert.Equal("Efficacy of Drug X in Adults With Gout", record.BriefTitle);
    }

    [Fact]
    public void Sentences_to_the_reader_about_the_site_and_footer_links_are_not_read()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "A Study of Drug X in Gout\nNCT Number: NCT01234567\nCentral Contact\nJane Roe, MD\nWould you like to be notified about other trials? Sign up for alerts.\n"
            + "Please refer to this study by its identifier when you contact the team\nFind a trial\nOur partners\n© 2026 Example Health Network\n");

        var contact = Assert.Single(record.CentralContacts);
        Assert.StartsWith("Jane Roe", contact.Name, StringComparison.Ordinal);
        Assert.DoesNotContain(record.Warnings, w => w.Message.Contains("notified", StringComparison.Ordinal) || w.Message.Contains("partners", StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_tagline_or_a_design_line_above_the_title_is_not_the_title()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "ClinicalTrials.gov\nA service of the U.S. National Institutes of Health\nRandomized sham-controlled crossover\nLong-Term Study of Drug X as Add-on Therapy in Early Parkinson's Disease\nThis study has been terminated.\nSponsor:\nAcme Neuroscience AS\nClinicalTrials.gov Identifier:\nNCT01234567\n");

        Assert.Equal("Long-Term Study of Drug X as Add-on Therapy in Early Parkinson's Disease", record.BriefTitle);
    }
}
