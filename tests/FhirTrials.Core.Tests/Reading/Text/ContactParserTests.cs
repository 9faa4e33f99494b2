using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class ContactParserTests
{
    [Fact]
    public void Reads_name_phone_and_email_cells() =>
        Assert.Equal(
            [new Contact("Olivier Benveniste, Professor", Phone: "01 42 16 10 88", Email: "olivier.benveniste@aphp.fr")],
            ContactParser.Parse(["Olivier Benveniste, Professor", "01 42 16 10 88", "olivier.benveniste@aphp.fr"]));

    [Fact]
    public void Reads_a_semicolon_list_of_names_with_degrees() =>
        Assert.Equal(
            [new Contact("Gregory PUGNET, MD, PHD"), new Contact("Charline DAGUZAN")],
            ContactParser.Parse(["Gregory PUGNET, MD, PHD; Charline DAGUZAN"]));

    [Fact]
    public void Reads_a_phone_number_written_after_the_name() =>
        Assert.Equal([new Contact("Olivier BENVENISTE", Phone: "0142161699")], ContactParser.Parse(["Olivier BENVENISTE 0142161699"]));
}
