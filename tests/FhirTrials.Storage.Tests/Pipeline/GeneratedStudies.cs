using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Pipeline;

/// <summary>
/// CT.gov API v2 studies made from the full test study: each with its own NCT number, sponsor study id and titles
/// (secondary registry ids dropped, so no two join one trial), all sharing the template's sponsor, collaborators,
/// sites and investigators, as real studies of one sponsor do.
/// </summary>
public static class GeneratedStudies
{
    private static readonly Lazy<string> Template = new(() =>
        File.ReadAllText(Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", "study-full.json")));

    public static string NctId(int index) => "NCT7" + index.ToString("D7", CultureInfo.InvariantCulture);

    public static JsonObject Study(int index, string titleSuffix = "")
    {
        var study = JsonNode.Parse(Template.Value)!.AsObject();
        var identification = study["protocolSection"]!["identificationModule"]!.AsObject();
        identification["nctId"] = NctId(index);
        identification.Remove("nctIdAliases");
        identification.Remove("secondaryIdInfos");
        identification["orgStudyIdInfo"]!["id"] = "HCL-GEN-" + index.ToString(CultureInfo.InvariantCulture);
        identification["briefTitle"] = $"Orbital Cell Therapy, generated study {index}{titleSuffix}";
        identification["officialTitle"] = $"A generated study {index} of orbital stromal cells{titleSuffix}";
        identification["acronym"] = "GEN" + index.ToString(CultureInfo.InvariantCulture);
        return study;
    }

    /// <summary>A /studies page of the studies <paramref name="from"/> up to <paramref name="from"/> + <paramref name="count"/>.</summary>
    public static byte[] Page(int from, int count, Func<int, JsonObject>? study = null)
    {
        var studies = new JsonArray([.. Enumerable.Range(from, count).Select(i => (JsonNode)(study ?? (n => Study(n)))(i))]);
        return Encoding.UTF8.GetBytes(new JsonObject { ["studies"] = studies }.ToJsonString());
    }
}
