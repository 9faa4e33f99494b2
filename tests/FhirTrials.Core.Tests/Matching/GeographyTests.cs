using FhirTrials.Core.Matching;

namespace FhirTrials.Core.Tests.Matching;

public sealed class GeographyTests
{
    private static readonly GeoPoint Paris = new(48.8566, 2.3522);
    private static readonly GeoPoint Lyon = new(45.7640, 4.8357);

    [Fact]
    public void Haversine_gives_the_great_circle_distances_published_for_known_pairs()
    {
        // Paris-Lyon 392 km; London-New York 5,570 km (great circle).
        Assert.InRange(GeoDistance.Kilometres(Paris, Lyon), 390, 393);
        Assert.InRange(GeoDistance.Kilometres(new GeoPoint(51.5074, -0.1278), new GeoPoint(40.7128, -74.0060)), 5565, 5575);
        Assert.Equal(0, GeoDistance.Kilometres(Lyon, Lyon));
        Assert.InRange(GeoDistance.Kilometres(new GeoPoint(0, 179.9), new GeoPoint(0, -179.9)), 22, 23);
    }

    [Fact]
    public void Distance_units_are_those_R4_near_allows()
    {
        Assert.Equal(50, GeoDistance.ToKilometres(50, "km"));
        Assert.Equal(0.5, GeoDistance.ToKilometres(500, "m"));
        Assert.Equal(16.09344, GeoDistance.ToKilometres(10, "[mi_i]")!.Value, 6);
        Assert.Null(GeoDistance.ToKilometres(1, "parsec"));
    }

    [Fact]
    public void Geohash_encodes_as_the_reference_algorithm()
    {
        // The example of the geohash definition: 57.64911, 10.40744 -> u4pruydqqvj.
        Assert.Equal("u4pruydqq", Geohash.Encode(new GeoPoint(57.64911, 10.40744)));
        Assert.Equal("u09tvw", Geohash.Encode(Paris, 6));
    }

    [Theory]
    [InlineData(48.8566, 2.3522, 10)]
    [InlineData(45.764, 4.8357, 50)]
    [InlineData(0.01, 179.99, 100)]
    [InlineData(-89.5, 20, 200)]
    [InlineData(64.1, -21.9, 1000)]
    public void The_covering_cells_hold_every_point_within_the_radius(double latitude, double longitude, double km)
    {
        var center = new GeoPoint(latitude, longitude);
        var cells = Geohash.Cover(center, km);

        Assert.InRange(cells.Count, 1, Geohash.MaxCoveringCells);
        for (var bearing = 0; bearing < 360; bearing += 15)
        {
            foreach (var fraction in new[] { 0.0, 0.5, 0.99 })
            {
                var point = Offset(center, km * fraction, bearing);
                var hash = Geohash.Encode(point);
                Assert.True(cells.Any(c => hash.StartsWith(c, StringComparison.Ordinal)), $"{point} ({hash}) is in none of {string.Join(",", cells)}");
            }
        }
    }

    [Theory]
    [InlineData("Toulouse", "France", "FR", 43.6043, 1.4437)]
    [InlineData("LYON", "FR", "FR", 45.7485, 4.8467)]
    [InlineData("Paris Cedex 10", "France", "FR", 48.8534, 2.3488)]
    [InlineData("Munich", "Germany", "DE", 48.1374, 11.5755)]
    [InlineData("Boston", "United States", "US", 42.3584, -71.0598)]
    public void The_gazetteer_finds_a_city_by_name_and_country(string city, string country, string code, double latitude, double longitude)
    {
        var place = Gazetteer.Find(city, country);

        Assert.NotNull(place);
        Assert.Equal(code, place.CountryCode);
        Assert.Equal(latitude, place.Centre.Latitude, 2);
        Assert.Equal(longitude, place.Centre.Longitude, 2);
        Assert.True(place.Population >= Gazetteer.MinimumPopulation);
    }

    [Theory]
    [InlineData("Saint-Martin-des-Champs-Vieux", "France")]
    [InlineData("Toulouse", null)]
    [InlineData(null, "France")]
    [InlineData("Toulouse", "Atlantis")]
    public void The_gazetteer_does_not_guess(string? city, string? country) => Assert.Null(Gazetteer.Find(city, country));

    [Fact]
    public void The_shipped_gazetteer_is_the_small_one() => Assert.InRange(Gazetteer.Count, 20_000, 30_000);

    private static GeoPoint Offset(GeoPoint from, double km, double bearingDegrees)
    {
        var d = km / GeoDistance.EarthRadiusKm;
        var b = bearingDegrees * Math.PI / 180;
        var lat1 = from.Latitude * Math.PI / 180;
        var lon1 = from.Longitude * Math.PI / 180;
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(d)) + (Math.Cos(lat1) * Math.Sin(d) * Math.Cos(b)));
        var lon2 = lon1 + Math.Atan2(Math.Sin(b) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - (Math.Sin(lat1) * Math.Sin(lat2)));
        var lon = ((lon2 * 180 / Math.PI) + 540) % 360 - 180;
        return new GeoPoint(lat2 * 180 / Math.PI, lon);
    }
}
