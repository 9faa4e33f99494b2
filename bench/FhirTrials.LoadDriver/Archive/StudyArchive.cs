using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FhirTrials.LoadDriver.Ingestion;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// A generated ctg-studies.json.zip: N distinct CT.gov API v2 studies, one JSON file each, in 100 folders named by
/// the last two digits of the NCT number (the 100 folder entries first), as the registry publishes it. Written to a
/// temporary file, so the driver's memory during ingestion is the ingestion's, not the archive's.
/// </summary>
internal sealed partial class StudyArchive : IDisposable
{
    private StudyArchive(string path, int studies, IReadOnlyList<string> nctIds)
    {
        Path = path;
        Studies = studies;
        NctIds = nctIds;
    }

    public string Path { get; }

    public int Studies { get; }

    public IReadOnlyList<string> NctIds { get; }

    public long Bytes => new FileInfo(Path).Length;

    public static StudyArchive Generate(int studies)
    {
        var generator = TrialDocumentGenerator.CtGovJson();
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ctg-studies-{studies}-{Guid.NewGuid():N}.json.zip");
        var ids = new List<string>(studies);
        using (var file = File.Create(path))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var folder in Enumerable.Range(0, 100))
            {
                zip.CreateEntry(Folder(folder.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)) + "/");
            }

            // Generated and written a thousand at a time: the archive is never whole in memory.
            for (var made = 0; made < studies; made += 1000)
            {
                foreach (var document in generator.Generate("studies", Math.Min(1000, studies - made)))
                {
                    var nct = NctId().Match(Encoding.UTF8.GetString(document.Content)).Groups[1].Value;
                    ids.Add(nct);
                    using var entry = zip.CreateEntry($"{Folder(nct[^2..])}/{nct}.json", CompressionLevel.Optimal).Open();
                    entry.Write(document.Content);
                }
            }
        }

        return new StudyArchive(path, studies, ids);
    }

    public void Dispose() => File.Delete(Path);

    private static string Folder(string lastTwoDigits) => "NCTxxxxxx" + lastTwoDigits;

    [GeneratedRegex("\"nctId\"\\s*:\\s*\"(NCT\\d{8})\"")]
    private static partial Regex NctId();
}
