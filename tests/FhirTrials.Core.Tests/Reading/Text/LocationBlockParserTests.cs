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

    private static (string?, string?, string?, string?, string?, RecruitmentStatus?) Describe(Site site) =>
        (site.Facility, site.City, site.State, site.PostalCode, site.Country, site.Status);

    internal static RecordWriter Writer() =>
        new(new TrialRecord { Source = new SourceInfo("x", "0", DocumentFormat.Text, "test", "test") });

    internal static List<PageLine> Lines(string text) => PageLines.Split(text).Where(l => !l.IsBlank).ToList();
}
