using FhirTrials.Core.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class RoundTripTests
{
    private static DeserializerSettings Strict => new DeserializerSettings().UsingMode(DeserializationMode.Strict, null);

    [Fact]
    public void The_bundle_survives_JSON_serialisation_unchanged()
    {
        var bundle = TrialFhirMapper.Map(TestRecords.Rich(), new MappingOptions(TestRecords.Recorded)).ToCollectionBundle();

        var parsed = new FhirJsonDeserializer(Strict).DeserializeResource(FhirFormat.ToJson(bundle));

        Assert.True(bundle.IsExactly(parsed));
    }

    [Fact]
    public void The_bundle_survives_XML_serialisation_unchanged()
    {
        var bundle = TrialFhirMapper.Map(TestRecords.Rich(), new MappingOptions(TestRecords.Recorded)).ToCollectionBundle();

        var parsed = new FhirXmlDeserializer(Strict).DeserializeResource(FhirFormat.ToXml(bundle));

        Assert.True(bundle.IsExactly(parsed));
        Assert.Equal(FhirFormat.ToJson(bundle), FhirFormat.ToJson(parsed));
    }
}
