using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Sites from a locations block. A site is written over several lines (a facility line with an optional status
/// cell "Olivier BENVENISTE | Recruiting |", an address line "Paris, France, 75013", a bare status or
/// "Status: Recruiting" line, contacts "Contact: Anne RADENNE") under optional country rows ("France | |"), or on one
/// line as a place (<see cref="SitePlaceParser"/>): "Facility, City, [State,] Country [— status]",
/// "Facility - City, Country (Recruiting)", "City, Country: Facility". A line that is not the current site's
/// address or status opens a new site.
/// </summary>
internal static class LocationBlockParser
{
    public static void Read(IReadOnlyList<PageLine> lines, RecordWriter writer)
    {
        var record = writer.Record;
        string? country = null;
        Site? site = null;
        var siteFirstLine = 0;
        foreach (var line in lines)
        {
            var cells = PipeRowParser.Cells(line.Content);
            if (cells.Count == 0)
            {
                continue;
            }

            var first = cells[0];
            if (cells.Count == 1 && SitePlaceParser.IsCountry(first) && (line.HasPipe || !first.Contains(',', StringComparison.Ordinal)))
            {
                country = first;
                writer.Add("countries", record.Countries, first, LineSpan.Of(line));
                continue;
            }

            // "United States, Ohio" (CT.gov classic): a country row with the state the sites below are in.
            if (cells.Count == 1 && first.Split(',', StringSplitOptions.TrimEntries) is [var named, var region]
                && SitePlaceParser.IsCountry(named) && !SitePlaceParser.IsCountry(region) && region.Split(' ').Length <= 3 && !region.Any(char.IsAsciiDigit))
            {
                country = named;
                writer.Add("countries", record.Countries, named, LineSpan.Of(line));
                continue;
            }

            var colon = first.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? TextKey.Of(first.AsSpan(0, colon)) : string.Empty;
            // "Contact: ...", "Contact the study team: ...": a contact of the site above, never a site.
            if (key is "backup contact" or "principal investigator" or "sub investigator" || key.StartsWith("contact", StringComparison.Ordinal))
            {
                if (site is not null)
                {
                    AddContact(site, key, first[(colon + 1)..].Trim(), cells);
                    Retrace(writer, record, siteFirstLine, line.Number);
                }

                continue;
            }

            if (site is not null && key is "status" or "site status" or "recruitment status" or "recruiting status"
                && StatusNormalizer.TryParse(first[(colon + 1)..].Trim(), out var labelledStatus))
            {
                site.Status ??= labelledStatus;
                Retrace(writer, record, siteFirstLine, line.Number);
                continue;
            }

            if (site is not null && StatusNormalizer.TryParse(first, out var bareStatus) && cells.Count == 1)
            {
                site.Status ??= bareStatus;
                continue;
            }

            if (site is not null && site.City is null && !SitePlaceParser.StartsWithFacility(first) && SitePlaceParser.TryAddress(first, site))
            {
                AddCountry(site, line, writer);
                Retrace(writer, record, siteFirstLine, line.Number);
                continue;
            }

            site = SitePlaceParser.Parse(first, country);
            if (cells.Count > 1 && StatusNormalizer.TryParse(cells[1], out var status))
            {
                site.Status = status;
            }

            record.Locations.Add(site);
            AddCountry(site, line, writer);
            siteFirstLine = line.Number;
            writer.Trace($"locations[{record.Locations.Count - 1}]", LineSpan.Of(line));
        }
    }

    private static void AddContact(Site site, string key, string value, List<string> cells)
    {
        var role = key switch
        {
            _ when key.StartsWith("contact", StringComparison.Ordinal) => ContactRole.Contact,
            "backup contact" => ContactRole.BackupContact,
            "principal investigator" => ContactRole.PrincipalInvestigator,
            "sub investigator" => ContactRole.SubInvestigator,
            _ => ContactRole.Contact,
        };
        var contactCells = new List<string> { value };
        contactCells.AddRange(cells.Skip(1));
        site.Contacts.AddRange(ContactParser.Parse(contactCells.Count > 1 ? contactCells : [contactCells[0]], role));
    }

    private static void AddCountry(Site site, PageLine line, RecordWriter writer)
    {
        if (site.Country is { } named)
        {
            writer.Add("countries", writer.Record.Countries, named, LineSpan.Of(line));
        }
    }

    private static void Retrace(RecordWriter writer, TrialRecord record, int first, int last)
    {
        var field = $"locations[{record.Locations.Count - 1}]";
        record.Provenance.RemoveAll(p => p.Field == field);
        writer.Trace(field, new LineSpan(first, last));
    }
}
