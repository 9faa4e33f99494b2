using FhirTrials.Core.Fhir;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class PersonNamesTests
{
    [Theory]
    [InlineData("Philippe Menasché, MD, PhD", "Philippe", "Menasché", "MD|PhD", "")]
    [InlineData("Dr. Jane Doe", "Jane", "Doe", "", "Dr.")]
    [InlineData("Doe, Jane", "Jane", "Doe", "", "")]
    [InlineData("Jean-Marc de La Tour MD PhD", "Jean-Marc|de|La", "Tour", "MD|PhD", "")]
    [InlineData("Olivier Benveniste, Professor", "Olivier", "Benveniste", "", "Professor")]
    [InlineData("Anne Radenne, Manager", "Anne", "Radenne", "Manager", "")]
    [InlineData("Doe, Jane Mary, MD", "Jane|Mary", "Doe", "MD", "")]
    public void Titles_and_degrees_are_split_from_the_name(string written, string given, string family, string suffix, string prefix)
    {
        var name = PersonNames.Parse(written);

        Assert.Equal(written, name.Text);
        Assert.Equal(given, string.Join('|', name.Given));
        Assert.Equal(family, name.Family);
        Assert.Equal(suffix, string.Join('|', name.Suffix));
        Assert.Equal(prefix, string.Join('|', name.Prefix));
    }

    [Fact]
    public void The_same_person_written_with_and_without_degrees_has_one_identity()
    {
        Assert.Equal(PersonNames.Identity("Philippe Menasché"), PersonNames.Identity("Prof. Philippe Menasché, MD, PhD"));
        Assert.Equal(PersonNames.Identity("Olivier Benveniste"), PersonNames.Identity("Olivier Benveniste, Professor"));
    }
}
