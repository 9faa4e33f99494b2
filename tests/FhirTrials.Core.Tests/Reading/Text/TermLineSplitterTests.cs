using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class TermLineSplitterTests
{
    [Fact]
    public void Splits_run_together_terms_by_known_phrases_and_mesh_headings()
    {
        Assert.Equal(
            ["Myositis", "Myositis, Inclusion Body", "Muscular Diseases"],
            TermLineSplitter.Split("Myositis Myositis, Inclusion Body Muscular Diseases", []));
        Assert.Equal(
            ["Inclusion Body Myositis", "Cell Therapy", "ADSVF"],
            TermLineSplitter.Split("Inclusion Body Myositis Cell Therapy ADSVF", ["Inclusion Body Myositis", "ADSVF"]));
    }
}
