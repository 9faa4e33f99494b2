using System.Globalization;
using System.Text;

namespace FhirTrials.TestSupport.Hostile;

/// <summary>Trial documents the corpus breaks: a small page with French accents, a CT.gov study, a seed page.</summary>
public static class HostilePages
{
    public const string Sponsor = "Hôpital Jérôme Cartier";

    /// <summary>A trial page as copied from a registry: the accents of its sponsor must survive every encoding.</summary>
    public static string Html(string nctId, string title, string extraBody = "") =>
        $"<html><head><title>{title}</title></head><body><h1>{title}</h1>{extraBody}<h2>NCT ID</h2><p>{nctId}</p>"
        + "<h2>Status</h2><p>Recruiting</p>"
        + $"<h2>Sponsor</h2><p>{Sponsor}</p><h2>Conditions</h2><ul><li>Maladie de Basedow</li></ul>"
        + "<h2>Phase</h2><p>Phase 2</p></body></html>";

    /// <summary>A minimal CT.gov API v2 study, one line, the same length for every index (ids are zero-padded).</summary>
    public static string CtGovStudy(int index, int paddingLength)
    {
        var id = CtGovNctId(index);
        return "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"" + id + "\",\"briefTitle\":\"Generated study " + id + "\"},"
            + "\"statusModule\":{\"overallStatus\":\"RECRUITING\"},\"descriptionModule\":{\"detailedDescription\":\"" + new string('x', paddingLength) + "\"},"
            + "\"eligibilityModule\":{\"eligibilityCriteria\":\"Inclusion Criteria:\\n* Adults\\nExclusion Criteria:\\n* Pregnancy\"}}}";
    }

    public static string CtGovNctId(int index) => "NCT9" + index.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>A CT.gov search page of <paramref name="studies"/> studies, streamed: study i is on line i + 2.</summary>
    public static GeneratedStream CtGovPage(int studies, int paddingLength) => new(
        "{\"totalCount\":0,\"studies\":["u8.ToArray(),
        studies,
        i => Encoding.UTF8.GetBytes((i == 0 ? "\n " : ",\n") + CtGovStudy(i, paddingLength)),
        "\n],\"nextPageToken\":\"abc\"}"u8.ToArray());

    /// <summary>
    /// A seed page under other identifiers, so ingesting it makes a new trial and never touches the seed's own
    /// (the nothing-lost check relies on that).
    /// </summary>
    public static string SeedAs(string seedFile, IReadOnlyDictionary<string, string> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Samples, seedFile));
        foreach (var (from, to) in replacements)
        {
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{seedFile} no longer contains '{from}'; the hostile corpus needs updating.");
            }

            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return text;
    }
}
