using FhirTrials.Core.Fhir.Terminology;

namespace FhirTrials.Core.Tests.Fhir.Terminology;

public sealed class CountryCodesTests
{
    [Theory]
    [InlineData("France", "FR")]
    [InlineData("United States", "US")]
    [InlineData("USA", "US")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Türkiye", "TR")]
    [InlineData("turkey", "TR")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Côte d’Ivoire", "CI")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Russian Federation", "RU")]
    [InlineData("gb", "GB")]
    public void Country_names_as_registries_write_them_get_their_ISO_code(string written, string code) =>
        Assert.Equal(code, CountryCodes.Find(written)?.Code);

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_countries_get_no_code(string? written) => Assert.Null(CountryCodes.Find(written));
}
