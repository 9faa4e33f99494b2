using FhirTrials.Core.Fhir;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class ControlCharactersTests
{
    [Fact]
    public void Strings_nested_in_lists_and_components_are_cleaned()
    {
        var study = new ResearchStudy { Title = "A\u0001B" };
        study.Keyword.Add(new CodeableConcept { Text = "bell\u0007" });
        study.Arm.Add(new ResearchStudy.ArmComponent { Name = "arm\u0085", Description = "tab\tand\nnew line kept" });

        ControlCharacters.RemoveFrom(study);

        Assert.Equal("AB", study.Title);
        Assert.Equal("bell", study.Keyword[0].Text);
        Assert.Equal("arm", study.Arm[0].Name);
        Assert.Equal("tab\tand\nnew line kept", study.Arm[0].Description);
    }

    [Fact]
    public void Extensions_on_a_primitive_are_cleaned_whether_or_not_its_own_value_is()
    {
        var study = new ResearchStudy { TitleElement = new FhirString("clean") };
        study.TitleElement.Extension.Add(new Extension("http://example.org/x", new FhirString("x\u0002y")));
        var description = new Markdown("dirty\u0003");
        description.Extension.Add(new Extension("http://example.org/y", new FhirString("\u0004z")));
        study.DescriptionElement = description;

        ControlCharacters.RemoveFrom(study);

        Assert.Equal("xy", Assert.IsType<FhirString>(study.TitleElement.Extension[0].Value).Value);
        Assert.Equal("dirty", study.Description);
        Assert.Equal("z", Assert.IsType<FhirString>(study.DescriptionElement.Extension[0].Value).Value);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_and_clean_strings_are_left_as_they_are()
    {
        const string title = "Cell therapy 🧬 – Menasché";
        var study = new ResearchStudy { Title = title };

        ControlCharacters.RemoveFrom(study);

        Assert.Same(title, study.Title);
    }
}
