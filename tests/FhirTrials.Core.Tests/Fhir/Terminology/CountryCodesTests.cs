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
    [InlineData("Deutschland", "DE")]
    [InlineData("Allemagne", "DE")]
    [InlineData("Alemania", "DE")]
    [InlineData("Royaume-Uni", "GB")]
    [InlineData("Reino Unido", "GB")]
    [InlineData("Estados Unidos", "US")]
    [InlineData("États-Unis", "US")]
    [InlineData("Etats-Unis", "US")]
    [InlineData("España", "ES")]
    [InlineData("Espagne", "ES")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Suisse", "CH")]
    [InlineData("Österreich", "AT")]
    [InlineData("Pays-Bas", "NL")]
    [InlineData("Belgique", "BE")]
    [InlineData("Italia", "IT")]
    public void Country_names_in_german_french_spanish_and_italian_get_their_ISO_code(string written, string code) =>
        Assert.Equal(code, CountryCodes.Find(written)?.Code);

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_countries_get_no_code(string? written) => Assert.Null(CountryCodes.Find(written));
}
