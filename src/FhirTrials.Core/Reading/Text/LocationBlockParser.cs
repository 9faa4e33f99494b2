using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Sites from a locations block: country rows ("France | |"), facility lines with an optional status cell
/// ("Olivier BENVENISTE | Recruiting |"), address lines ("Paris, France, 75013", "Paris, , France"), a bare status
/// line, and site contacts ("Contact: Anne RADENNE"). Each facility line opens a new site.
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
            if (cells.Count == 1 && PageVocabulary.IsCountry(first) && line.HasPipe)
            {
                country = first;
                writer.Add("countries", record.Countries, first, LineSpan.Of(line));
                continue;
            }

            var colon = first.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && TextKey.Of(first.AsSpan(0, colon)) is "contact" or "backup contact" or "principal investigator" or "sub investigator")
            {
                if (site is not null)
                {
                    var role = TextKey.Of(first.AsSpan(0, colon)) switch
                    {
                        "backup contact" => ContactRole.BackupContact,
                        "principal investigator" => ContactRole.PrincipalInvestigator,
                        "sub investigator" => ContactRole.SubInvestigator,
                        _ => ContactRole.Contact,
                    };
                    var contactCells = new List<string> { first[(colon + 1)..].Trim() };
                    contactCells.AddRange(cells.Skip(1));
                    site.Contacts.AddRange(ContactParser.Parse(contactCells.Count > 1 ? contactCells : [contactCells[0]], role));
                    Retrace(writer, record, siteFirstLine, line.Number);
                }

                continue;
            }

            if (site is not null && StatusNormalizer.TryParse(first, out var bareStatus) && cells.Count == 1)
            {
                site.Status ??= bareStatus;
                continue;
            }

            if (site is not null && site.City is null && TryAddress(first, site))
            {
                if (site.Country is { } named)
                {
                    writer.Add("countries", record.Countries, named, LineSpan.Of(line));
                }

                Retrace(writer, record, siteFirstLine, line.Number);
                continue;
            }

            site = new Site { Facility = first, Country = country };
            if (cells.Count > 1 && StatusNormalizer.TryParse(cells[1], out var status))
            {
                site.Status = status;
            }

            record.Locations.Add(site);
            siteFirstLine = line.Number;
            writer.Trace($"locations[{record.Locations.Count - 1}]", LineSpan.Of(line));
        }
    }

    // "Paris, France, 75013" / "Paris, , France" / "Boston, Massachusetts, 02114, United States".
    private static bool TryAddress(string text, Site site)
    {
        if (!text.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split(',').Select(p => p.Trim()).ToList();
        var countryIndex = parts.FindIndex(PageVocabulary.IsCountry);
        var postalIndex = parts.FindIndex(p => p.Length is > 2 and < 12 && p.Any(char.IsAsciiDigit));
        if (countryIndex < 0 && postalIndex < 0)
        {
            return false;
        }

        site.City = parts[0].Length > 0 ? parts[0] : null;
        if (countryIndex > 0)
        {
            site.Country = parts[countryIndex];
        }

        if (postalIndex > 0)
        {
            site.PostalCode = parts[postalIndex];
        }

        var state = parts.Skip(1).Where((p, i) => i + 1 != countryIndex && i + 1 != postalIndex && p.Length > 0).FirstOrDefault();
        site.State = state;
        return true;
    }

    private static void Retrace(RecordWriter writer, TrialRecord record, int first, int last)
    {
        var field = $"locations[{record.Locations.Count - 1}]";
        record.Provenance.RemoveAll(p => p.Field == field);
        writer.Trace(field, new LineSpan(first, last));
    }
}
