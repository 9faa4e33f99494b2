using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class LocationBlockParserTests
{
    [Fact]
    public void Reads_facilities_addresses_statuses_and_site_contacts()
    {
        var writer = Writer();

        LocationBlockParser.Read(
            Lines("United States | |\nMassachusetts General Hospital | Recruiting |\nBoston, Massachusetts, 02114, United States\nContact: Jane Roe 617-555-0100 | |\nHôpital Pitié-Salpêtrière\nParis, , France\nNot yet recruiting"),
            writer);

        var sites = writer.Record.Locations;
        Assert.Equal(2, sites.Count);
        Assert.Equal(("Massachusetts General Hospital", "Boston", "Massachusetts", "02114", "United States", RecruitmentStatus.Recruiting), Describe(sites[0]));
        Assert.Equal([new Contact("Jane Roe", Phone: "617-555-0100")], sites[0].Contacts);
        Assert.Equal(("Hôpital Pitié-Salpêtrière", "Paris", null, null, "France", RecruitmentStatus.NotYetRecruiting), Describe(sites[1]));
        Assert.Equal(["United States", "France"], writer.Record.Countries);
    }

    [Theory]
    [InlineData("Hôpital Pitié-Salpêtrière, Paris, France — Recruiting", "Hôpital Pitié-Salpêtrière", "Paris", null, null, "France", RecruitmentStatus.Recruiting)]
    [InlineData("Massachusetts General Hospital, Boston, Massachusetts, United States", "Massachusetts General Hospital", "Boston", "Massachusetts", null, "United States", null)]
    [InlineData("University of California, San Francisco, San Francisco, California 94143, United States", "University of California, San Francisco", "San Francisco", "California", "94143", "United States", null)]
    [InlineData("Charité Universitätsmedizin - Berlin, Deutschland (Recruiting)", "Charité Universitätsmedizin", "Berlin", null, null, "Deutschland", RecruitmentStatus.Recruiting)]
    [InlineData("Hospital Clínic – Barcelona, España", "Hospital Clínic", "Barcelona", null, null, "España", null)]
    [InlineData("Lyon, France: Hospices Civils de Lyon", "Hospices Civils de Lyon", "Lyon", null, null, "France", null)]
    [InlineData("CHU de Nantes, Nantes, 44093, France, Not yet recruiting", "CHU de Nantes", "Nantes", null, "44093", "France", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Olivier BENVENISTE", "Olivier BENVENISTE", null, null, null, null, null)]
    public void A_site_on_one_line_is_read_as_a_place(string line, string facility, string? city, string? state, string? postal, string? country, RecruitmentStatus? status)
    {
        var writer = Writer();

        LocationBlockParser.Read(Lines(line), writer);

        Assert.Equal((facility, city, state, postal, country, status), Describe(Assert.Single(writer.Record.Locations)));
    }

    [Fact]
    public void One_line_sites_follow_each_other_and_a_status_line_belongs_to_the_site_above()
    {
        var writer = Writer();

        LocationBlockParser.Read(
            Lines("Royal Infirmary, Edinburgh, United Kingdom\nStatus: Recruiting\nSt James's University Hospital, Leeds, Royaume-Uni\nStatus: Completed"),
            writer);

        var sites = writer.Record.Locations;
        Assert.Equal(2, sites.Count);
        Assert.Equal(("Royal Infirmary", "Edinburgh", RecruitmentStatus.Recruiting), (sites[0].Facility, sites[0].City, sites[0].Status));
        Assert.Equal(("St James's University Hospital", "Leeds", "Royaume-Uni", RecruitmentStatus.Completed), (sites[1].Facility, sites[1].City, sites[1].Country, sites[1].Status));
        Assert.Equal(["United Kingdom", "Royaume-Uni"], writer.Record.Countries);
    }

    [Fact]
    public void A_country_and_state_row_heads_the_sites_below_it()
    {
        var writer = Writer();

        LocationBlockParser.Read(Lines("United States, Ohio\nCleveland Clinic\nCleveland, Ohio, United States, 44195\nNorway\nHaukeland University Hospital\nBergen, Norway, 5021"), writer);

        var sites = writer.Record.Locations;
        Assert.Equal(("Cleveland Clinic", "Cleveland", "Ohio", "44195", "United States", null), Describe(sites[0]));
        Assert.Equal(("Haukeland University Hospital", "Bergen", null, "5021", "Norway", null), Describe(sites[1]));
        Assert.Equal(2, sites.Count);
    }

    private static (string?, string?, string?, string?, string?, RecruitmentStatus?) Describe(Site site) =>
        (site.Facility, site.City, site.State, site.PostalCode, site.Country, site.Status);

    internal static RecordWriter Writer() =>
        new(new TrialRecord { Source = new SourceInfo("x", "0", DocumentFormat.Text, "test", "test") });

    internal static List<PageLine> Lines(string text) => PageLines.Split(text).Where(l => !l.IsBlank).ToList();
}
