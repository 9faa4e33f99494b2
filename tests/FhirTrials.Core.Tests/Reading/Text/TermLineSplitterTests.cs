using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class TermLineSplitterTests
{
    [Fact]
    public void Terms_end_at_a_head_noun_followed_by_a_capitalised_word_and_the_split_is_reported_as_a_guess()
    {
        var result = TermLineSplitter.SplitWithEvidence("Parkinson Disease Parkinsonian Disorders Basal Ganglia Diseases", []);

        Assert.Equal(["Parkinson Disease", "Parkinsonian Disorders", "Basal Ganglia Diseases"], result.Terms);
        Assert.NotEmpty(result.Guesses);
    }

    [Fact]
    public void A_connector_after_a_head_noun_continues_the_term()
    {
        Assert.Equal(["Autoimmune Diseases of the Nervous System"], TermLineSplitter.Split("Autoimmune Diseases of the Nervous System", []));
        Assert.Equal(
            ["Skin and Connective Tissue Diseases", "Nervous System Diseases"],
            TermLineSplitter.Split("Skin and Connective Tissue Diseases Nervous System Diseases", []));
    }

    [Fact]
    public void The_records_own_values_split_the_line_also_in_mesh_inverted_form_without_a_guess()
    {
        var result = TermLineSplitter.SplitWithEvidence("Myositis Myositis, Inclusion Body Muscular Diseases", ["Inclusion Body Myositis"]);

        Assert.Equal(["Myositis", "Myositis, Inclusion Body", "Muscular Diseases"], result.Terms);
        Assert.Empty(result.Guesses);
    }

    [Fact]
    public void Words_between_two_known_values_are_one_term()
    {
        Assert.Equal(
            ["Inclusion Body Myositis", "Cell Therapy", "ADSVF"],
            TermLineSplitter.Split("Inclusion Body Myositis Cell Therapy ADSVF", ["Inclusion Body Myositis", "ADSVF"]));
    }

    [Fact]
    public void A_long_run_without_evidence_stays_one_term_with_a_note_that_it_may_hold_several()
    {
        var result = TermLineSplitter.SplitWithEvidence("Diabetes Mellitus Obesity Hypertension Dyslipidemia", []);

        Assert.Equal(["Diabetes Mellitus Obesity Hypertension Dyslipidemia"], result.Terms);
        Assert.Contains(result.Guesses, g => g.Contains("may hold several terms", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Type 2 DiabetesObesity", new[] { "Type 2 Diabetes", "Obesity" })]
    [InlineData("McCune-Albright Syndrome", new[] { "McCune-Albright Syndrome" })]
    [InlineData("PubMed Search", new[] { "PubMed Search" })]
    public void Words_run_together_at_a_case_boundary_split_only_with_four_letters_on_each_side(string line, string[] expected)
    {
        Assert.Equal(expected, TermLineSplitter.Split(line, []));
    }

    [Fact]
    public void A_short_title_case_term_is_never_split()
    {
        var result = TermLineSplitter.SplitWithEvidence("Multiple Sclerosis", []);

        Assert.Equal(["Multiple Sclerosis"], result.Terms);
        Assert.Empty(result.Guesses);
    }
}
