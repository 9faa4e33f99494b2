using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class ArmGroupParserTests
{
    [Fact]
    public void Reads_groups_with_type_lines_and_description_and_treatment_children()
    {
        var writer = LocationBlockParserTests.Writer();

        ArmGroupParser.ReadBlock(
            LocationBlockParserTests.Lines("Low dose\nExperimental group\nDescription: 10 mg daily\nTreatment: Drug: Examplumab\nControl\nNo Intervention group\nDescription:\nUsual care"),
            writer);

        var arms = writer.Record.Arms;
        Assert.Equal(["Low dose", "Control"], arms.Select(a => a.Label));
        Assert.Equal([ArmType.Experimental, ArmType.NoIntervention], arms.Select(a => a.Type));
        Assert.Equal(["10 mg daily", "Usual care"], arms.Select(a => a.Description));
        Assert.Equal(["Examplumab"], arms[0].InterventionNames);
        var intervention = Assert.Single(writer.Record.Interventions);
        Assert.Equal((InterventionType.Drug, "Examplumab", "Low dose"), (intervention.Type, intervention.Name, intervention.ArmLabels.Single()));
    }
}
