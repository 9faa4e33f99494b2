using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class TitleParserTests
{
    [Theory]
    [InlineData("Cell Therapy for IBM by Muscle Injection of ADSVF (ADSVF-in-IBM)", "Cell Therapy for IBM by Muscle Injection of ADSVF", "ADSVF-in-IBM")]
    [InlineData("Manufacturing of Cells for Severe Systemic Sclerosis (Pre_MSC-AT-SSc)", "Manufacturing of Cells for Severe Systemic Sclerosis", "Pre_MSC-AT-SSc")]
    [InlineData("A study of X (Phase I)", "A study of X (Phase I)", null)]
    [InlineData("Treatment of Cardiomyopathies by Extracellular Vesicles", "Treatment of Cardiomyopathies by Extracellular Vesicles", null)]
    public void Splits_an_acronym_suffix_from_the_title(string text, string title, string? acronym) =>
        Assert.Equal((title, acronym), TitleParser.Split(text));
}
