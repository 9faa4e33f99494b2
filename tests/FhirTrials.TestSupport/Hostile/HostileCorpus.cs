using System.IO.Compression;
using System.Text;
using FhirTrials.Storage.Ingestion;

namespace FhirTrials.TestSupport.Hostile;

/// <summary>
/// Documents ops could drop into the incoming container that are empty, huge, binary, malicious or broken, each with
/// the outcome and plain reason the pipeline must give. Generated in code; the large ones are streamed while uploaded.
/// Trials in it use NCT ids 9000000-9999999 (none real), so they never merge with the seeds.
/// </summary>
public static class HostileCorpus
{
    public const string GarbledNctId = "NCT09900001";

    /// <summary>Every case; <paramref name="pageStudies"/> sizes the streamed CT.gov page (10,000 in the issue).</summary>
    /// <param name="pageBytes">About how large the page is; its studies share it.</param>
    public static IReadOnlyList<HostileCase> Cases(int pageStudies = 10_000, long pageBytes = PageBytes) =>
    [
        Bytes("empty.txt", IngestionOutcome.Rejected, "The file is empty.", []),
        Bytes("whitespace.txt", IngestionOutcome.Rejected, "only white space", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(" \t\r\n", 4096)))),
        Generated("oversized-100mb.txt", IngestionOutcome.Rejected, "it was not read", () => Lines(100 * 1024, 1024)),
        Generated("single-line-20mb.txt", IngestionOutcome.Rejected, "read up to 16 MB", () => new GeneratedStream([], 20 * 1024, _ => Words(1024), [])),
        Text("nul-and-control.html", IngestionOutcome.IngestedWithWarnings, "NUL or control character", "NCT09900011",
            id => Encoding.UTF8.GetBytes(HostilePages.Html(id, "Essai\0 avec\u0007 contrôles\u001B").Replace("<h2>", "\0<h2>", StringComparison.Ordinal))),
        Text("invalid-utf8.html", IngestionOutcome.IngestedWithWarnings, "invalid UTF-8", "NCT09900012",
            id => InvalidUtf8(HostilePages.Html(id, "Essai ORBITAL"))),
        Text("utf16-le-bom.html", IngestionOutcome.Ingested, null, "NCT09900013",
            id => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(HostilePages.Html(id, "Essai ORBITAL"))]),
        Text("utf16-be-no-bom.html", IngestionOutcome.IngestedWithWarnings, "without a byte-order mark", "NCT09900014",
            id => Encoding.BigEndianUnicode.GetBytes(HostilePages.Html(id, "Essai ORBITAL"))),
        Text("latin1-accents.html", IngestionOutcome.IngestedWithWarnings, "Windows-1252", "NCT09900015",
            id => Encoding.Latin1.GetBytes(HostilePages.Html(id, "Essai ORBITAL à l'Hôpital"))),
        Bytes("image.png", IngestionOutcome.Rejected, "a PNG image, not a trial document", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
        Bytes("archive.zip", IngestionOutcome.Rejected, "The ZIP archive holds no trial document", Zip(1024)),
        Bytes("zip-bomb.zip", IngestionOutcome.Rejected, "The ZIP archive holds no trial document", Zip(256 * 1024 * 1024)),
        Bytes("document.pdf", IngestionOutcome.Rejected, "a PDF document", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")),
        Bytes("json-deep-100000.json", IngestionOutcome.Rejected, "nested more than 64 levels deep",
            Encoding.ASCII.GetBytes(new string('[', 100_000) + new string(']', 100_000))),
        Generated("json-array-1m.json", IngestionOutcome.Rejected, "no ClinicalTrials.gov study",
            () => new GeneratedStream("{\"studies\":["u8.ToArray(), 1_000_000, i => i == 0 ? " 0"u8.ToArray() : ",0"u8.ToArray(), "]}"u8.ToArray())),
        Generated($"ctgov-page-{pageStudies}.json", IngestionOutcome.Ingested, null, () => HostilePages.CtGovPage(pageStudies, PagePadding(pageStudies, pageBytes))),
        Bytes("xml-doctype.xml", IngestionOutcome.IngestedWithWarnings, "DOCTYPE was ignored", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE clinical_study SYSTEM \"http://example.org/none.dtd\"><clinical_study><id_info><nct_id>NCT09900021</nct_id></id_info>"
            + "<brief_title>Doctype study</brief_title><overall_status>Recruiting</overall_status></clinical_study>"), "NCT09900021"),
        Bytes("xml-xxe.xml", IngestionOutcome.Rejected, "uses the entity &xxe; (line 1), declared in its DOCTYPE. Entities are never expanded", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE clinical_study [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<clinical_study><id_info><nct_id>NCT09900022</nct_id></id_info><brief_title>&xxe;</brief_title></clinical_study>")),
        Bytes("xml-billion-laughs.xml", IngestionOutcome.Rejected, "uses the entity &lol9;", BillionLaughs()),
        Text("html-scripts.html", IngestionOutcome.Ingested, null, "NCT09900031", id => Encoding.UTF8.GetBytes(HostilePages.Html(id, "Essai scripté",
            "<script>document.write('NCT09999999 Status Terminated');</script><iframe src=\"https://evil.example/\">NCT09999998</iframe>"
            + "<style>h1{}</style><noscript>Completed</noscript>"))),
        Text("html-deep-1000.html", IngestionOutcome.Ingested, null, "NCT09900032", id => Encoding.UTF8.GetBytes(
            HostilePages.Html(id, "Essai imbriqué", string.Concat(Enumerable.Repeat("<div><span>", 1000)) + "deep" + string.Concat(Enumerable.Repeat("</span></div>", 1000))))),
        Bytes("html-deep-100000.html", IngestionOutcome.Rejected, "The HTML nests elements more than 2,048 deep", Encoding.UTF8.GetBytes(
            HostilePages.Html("NCT09900035", "Essai trop imbriqué", string.Concat(Enumerable.Repeat("<div><span>", 100_000)) + "deep"))),
        Text("criteria-50000.txt", IngestionOutcome.IngestedWithWarnings, "lists 50,000 inclusion criteria; the first 1,000 were kept", "NCT09900033", id => Encoding.UTF8.GetBytes(ManyCriteria(id, 50_000))),
        Text("nct-500.txt", IngestionOutcome.Ingested, null, "NCT09900034", id => Encoding.UTF8.GetBytes(ManyNctIds(id, 500))),
        Text("garbled-seed.txt", IngestionOutcome.IngestedWithWarnings, "31/02/2024", GarbledNctId, _ => Encoding.UTF8.GetBytes(GarbledSeed())),
    ];

    /// <summary>The ctgov-classic seed under other ids, with an impossible start date and an enrollment in words.</summary>
    public static string GarbledSeed() => HostilePages.SeedAs("ctgov-classic-NCT05032131.txt", new Dictionary<string, string>
    {
        ["NCT05032131"] = GarbledNctId,
        ["APHP180593"] = "APHP990001",
        ["2020-005876-36"] = "2099-990001-01",
        ["February 1, 2023 |"] = "31/02/2024 |",
        ["32 participants"] = "lots",
    });

    /// <summary>About 64 MB whatever the study count: far more than the memory the page may take while ingested.</summary>
    public const long PageBytes = 64L * 1024 * 1024;

    private static int PagePadding(int studies, long pageBytes) => studies == 0 ? 0 : (int)Math.Max(100, (pageBytes / studies) - 360);

    private static HostileCase Bytes(string name, IngestionOutcome expected, string? reason, byte[] bytes, string? nctId = null) =>
        new(name, expected, reason, nctId, bytes.Length, () => new MemoryStream(bytes, writable: false));

    private static HostileCase Text(string name, IngestionOutcome expected, string? reason, string nctId, Func<string, byte[]> make)
    {
        var bytes = make(nctId);
        return new(name, expected, reason, nctId, bytes.Length, () => new MemoryStream(bytes, writable: false));
    }

    private static HostileCase Generated(string name, IngestionOutcome expected, string? reason, Func<GeneratedStream> open)
    {
        using var probe = open();
        return new(name, expected, reason, null, probe.Length, open);
    }

    private static GeneratedStream Lines(int count, int length) =>
        new([], count, _ => Encoding.ASCII.GetBytes(new string('a', length - 1) + "\n"), []);

    private static byte[] Words(int length) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("word ", (length / 5) + 1))[..length]);

    private static byte[] InvalidUtf8(string page)
    {
        var bytes = Encoding.UTF8.GetBytes(page.Replace("Essai", "Ess\u0001ai", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(1);
        bytes[at] = 0xFF;
        bytes.Insert(at, 0xC3);
        return [.. bytes];
    }

    /// <summary>A ZIP whose one entry inflates to <paramref name="inflatedBytes"/> of zeros (a few hundred KB compressed).</summary>
    private static byte[] Zip(int inflatedBytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("trial.txt", CompressionLevel.Optimal).Open();
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < inflatedBytes; written += zeros.Length)
            {
                entry.Write(zeros, 0, Math.Min(zeros.Length, inflatedBytes - written));
            }
        }

        return buffer.ToArray();
    }

    private static byte[] BillionLaughs()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append("<!ENTITY lol").Append(i).Append(" \"").Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">");
        }

        return Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><!DOCTYPE clinical_study [{entities}]><clinical_study><brief_title>&lol9;</brief_title></clinical_study>");
    }

    private static string ManyCriteria(string nctId, int lines)
    {
        var text = new StringBuilder($"Brief title\nEssai aux critères innombrables\n\nNCT ID\n{nctId}\n\nStatus\nRecruiting\n\nSponsor\n{HostilePages.Sponsor}\n\nInclusion criteria\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append("  • Criterion number ").Append(i).Append(" must hold\n");
        }

        return text.Append("\nExclusion criteria\n  • Pregnancy\n").ToString();
    }

    private static string ManyNctIds(string nctId, int mentions)
    {
        var text = new StringBuilder($"Brief title\nEssai cité partout\n\nNCT ID\n{nctId}\n\nStatus\nRecruiting\n\nSponsor\n{HostilePages.Sponsor}\n\nDetailed Description\n");
        for (var i = 0; i < mentions; i++)
        {
            text.Append("See also NCT0").Append(8000000 + i).Append(" for background.\n");
        }

        return text.ToString();
    }
}
