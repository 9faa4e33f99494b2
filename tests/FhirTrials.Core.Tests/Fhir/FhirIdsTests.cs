using FhirTrials.Core.Fhir;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class FhirIdsTests
{
    [Theory]
    [InlineData("Assistance Publique - Hôpitaux de Paris", "org-assistance-publique-hopitaux-de-paris")]
    [InlineData("  ASSISTANCE PUBLIQUE – HÔPITAUX DE PARIS ", "org-assistance-publique-hopitaux-de-paris")]
    [InlineData("株式会社", null)]
    public void Ids_come_from_the_normalised_identity(string identity, string? expected)
    {
        var id = FhirIds.Make("org", identity);

        Assert.True(FhirIds.IsValid(id));
        if (expected is not null)
        {
            Assert.Equal(expected, id);
        }
    }

    [Fact]
    public void Long_identities_are_cut_to_64_characters_and_stay_distinct()
    {
        var head = new string('a', 80);

        var first = FhirIds.Make("loc", head + " one");
        var second = FhirIds.Make("loc", head + " two");

        Assert.True(FhirIds.IsValid(first));
        Assert.Equal(64, first.Length);
        Assert.NotEqual(first, second);
    }
}
