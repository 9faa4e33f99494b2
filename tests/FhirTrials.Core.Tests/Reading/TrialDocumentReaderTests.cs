using System.IO.Compression;
using System.Text;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading;

public sealed class TrialDocumentReaderTests
{
    private const string Study = """{"protocolSection":{"identificationModule":{"nctId":"NCT01234567","briefTitle":"Hôpital Jérôme trial"}}}""";

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes(Study) },
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Study)] },
        { "UTF-16LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Study)] },
        { "UTF-16BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Study)] },
        { "UTF-16LE without BOM", Encoding.Unicode.GetBytes(Study) },
        { "UTF-16BE without BOM", Encoding.BigEndianUnicode.GetBytes(Study) },
        { "UTF-32LE with BOM", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Study)] },
        { "Latin-1", Encoding.Latin1.GetBytes(Study) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Accented_text_survives_every_encoding(string encoding, byte[] bytes)
    {
        var result = TrialDocumentReader.Read(bytes, encoding);

        Assert.Null(result.RejectionReason);
        var record = Assert.Single(result.Records);
        Assert.Equal("NCT01234567", record.NctId);
        Assert.Equal("Hôpital Jérôme trial", record.BriefTitle);
    }

    [Fact]
    public void Utf16_without_a_bom_is_read_with_a_warning_saying_so()
    {
        var result = TrialDocumentReader.Read(Encoding.BigEndianUnicode.GetBytes(Study), "be.json");

        Assert.Contains(result.Warnings, w => w.Message.Contains("UTF-16 (big-endian) without a byte-order mark", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_utf8_bytes_are_replaced_with_a_warning_and_the_rest_kept()
    {
        var bytes = Encoding.UTF8.GetBytes(Study.Replace("trial", "tri\u0001al", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xFF;

        var result = TrialDocumentReader.Read(bytes, "broken.json");

        Assert.Equal("Hôpital Jérôme tri\uFFFDal", Assert.Single(result.Records).BriefTitle);
        Assert.Contains(result.Warnings, w => w.Message.Contains("1 invalid UTF-8 byte sequence", StringComparison.Ordinal));
    }

    [Fact]
    public void Nul_and_control_characters_are_removed_with_a_warning()
    {
        var bytes = Encoding.UTF8.GetBytes(Study.Replace("Jérôme", "Jé\0rô\u0007me", StringComparison.Ordinal).Replace(":{", ":\0{", StringComparison.Ordinal));

        var result = TrialDocumentReader.Read(bytes, "nul.json");

        var record = Assert.Single(result.Records);
        Assert.Equal("Hôpital Jérôme trial", record.BriefTitle);
        Assert.Contains(result.Warnings, w => w.Message == "Removed 4 NUL or control character(s) from the text.");
        Assert.Contains(record.Warnings, w => w.Message == "Removed 4 NUL or control character(s) from the text.");
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "The file is a PNG image, not a trial document.")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0 }, TrialDocumentReader.ArchiveRefusal)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "The file is a PDF document, not a trial document.")]
    [InlineData(new byte[] { 0x1F, 0x8B, 8, 0 }, "The file is a GZIP archive, not a trial document.")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "The file is a JPEG image, not a trial document.")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 }, "The file is an executable (ELF), not a trial document.")]
    [InlineData(new byte[] { }, "The file is empty.")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x0D, 0x0A }, "The file holds only white space.")]
    public void Binary_and_empty_files_are_refused_by_name(byte[] bytes, string reason)
    {
        var result = TrialDocumentReader.Read(bytes, "upload.bin");

        Assert.Equal(reason, result.RejectionReason);
        Assert.Null(result.Format);
        Assert.Empty(result.Records);
        Assert.Equal(64, result.ContentHash.Length);
    }

    [Theory]
    [InlineData("studies/NCT00000102.json", TrialDocumentReader.ArchiveRefusal)]
    [InlineData("[Content_Types].xml", "The file is an Office document (Word, Excel or PowerPoint), not a trial document.")]
    [InlineData("mimetype", "The file is an OpenDocument file, not a trial document.")]
    public async Task A_zip_is_called_an_archive_unless_its_first_entry_shows_an_office_file(string firstEntry, string reason)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await zip.CreateEntry(firstEntry).OpenAsync();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("{}"));
        }

        await using var document = await TrialDocumentReader.ReadAsync(new MemoryStream(buffer.ToArray()), "upload.zip");

        Assert.Equal(reason, document.RejectionReason);
        Assert.Equal(reason == TrialDocumentReader.ArchiveRefusal, document.IsArchive);
        Assert.Equal(reason == TrialDocumentReader.ArchiveRefusal, TrialDocumentReader.IsZipArchive(buffer.ToArray()));
    }

    [Fact]
    public void Random_binary_without_a_signature_is_refused_as_binary()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x01;

        Assert.Equal("The file is binary data, not a trial document.", TrialDocumentReader.Read(bytes, "noise").RejectionReason);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void Json_nested_100000_deep_is_refused_without_overflowing_the_stack(string open, string close)
    {
        var json = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(json), "deep.json");

        Assert.Equal(DocumentFormat.ClinicalTrialsGovJson, result.Format);
        Assert.StartsWith("The JSON is nested more than 64 levels deep", result.RejectionReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"studies\":[", "]}")]
    public void A_json_array_of_a_million_scalars_is_refused_as_holding_no_study(string open, string close)
    {
        var json = new StringBuilder(open).Insert(open.Length, "1,", 999_999).Append('1').Append(close).ToString();

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(json), "million.json");

        Assert.NotNull(result.RejectionReason);
        Assert.Contains("no ClinicalTrials.gov study", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_line()
    {
        var result = TrialDocumentReader.Read("{\"protocolSection\":\n{\"identificationModule\":\n{\"nctId\": NCT1}}}"u8.ToArray(), "bad.json");

        Assert.StartsWith("The JSON is malformed at line 3:", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_external_entities_are_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE clinical_study [<!ENTITY xxe SYSTEM "file://{secret}">]>
            <clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info><brief_title>&xxe;</brief_title></clinical_study>
            """;

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(xml), "xxe.xml");

        Assert.Equal(DocumentFormat.ClinicalTrialsGovXml, result.Format);
        Assert.NotNull(result.RejectionReason);
        Assert.Contains("xxe", result.RejectionReason, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET", result.RejectionReason, StringComparison.Ordinal);
        File.Delete(secret);
    }

    [Fact]
    public void Xml_entity_expansion_is_never_performed()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE clinical_study [{entities}]><clinical_study><brief_title>&lol9;</brief_title></clinical_study>";

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(xml), "laughs.xml");

        Assert.NotNull(result.RejectionReason);
        Assert.Contains("lol9", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_doctype_without_entity_use_is_ignored_with_a_warning()
    {
        var xml = "<!DOCTYPE clinical_study SYSTEM \"http://example.org/none.dtd\"><clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info></clinical_study>"u8.ToArray();

        var record = Assert.Single(TrialDocumentReader.Read(xml, "doctype.xml").Records);

        Assert.Equal("NCT01234567", record.NctId);
        Assert.Contains(record.Warnings, w => w.Message.Contains("DOCTYPE was ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Xml_nested_100000_deep_is_refused_without_overflowing_the_stack()
    {
        var xml = "<clinical_study>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</clinical_study>";

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(xml), "deep.xml");

        Assert.Equal("The XML is nested more than 64 levels deep (line 1); it was refused.", result.RejectionReason);
    }

    [Fact]
    public void Xml_of_another_kind_is_refused_naming_its_root()
    {
        var result = TrialDocumentReader.Read("<?xml version=\"1.0\"?><recipe><name>Crêpes</name></recipe>"u8.ToArray(), "recipe.xml");

        Assert.Equal("The XML is not a ClinicalTrials.gov record: its root element is <recipe>, expected <clinical_study>.", result.RejectionReason);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><h1>Trial</h1></body></html>", DocumentFormat.Html)]
    [InlineData("<div><h1>Trial</h1><p>Status</p><p>Recruiting</p></div>", DocumentFormat.Html)]
    [InlineData("Intro\n<p>a</p><p>b</p><li>c</li><li>d</li><td>e</td>", DocumentFormat.Html)]
    [InlineData("[Skip to content]\nBrief title\nNCT01234567", DocumentFormat.Text)]
    [InlineData("Status: Recruiting\nPhase: Phase 2", DocumentFormat.Text)]
    public void Pages_are_told_apart_as_html_or_text(string content, DocumentFormat format)
    {
        Assert.Equal(format, TrialDocumentReader.Read(Encoding.UTF8.GetBytes(content), "page").Format);
    }

    [Theory]
    [InlineData("ctgov-classic-NCT05032131.txt")]
    [InlineData("veeva-NCT05947682.txt")]
    [InlineData("recruitment-site-NCT06592703.txt")]
    [InlineData("veeva-NCT07326033.txt")]
    [InlineData("aggregator-NCT05774509.txt")]
    public void Every_seed_page_is_detected_as_text(string seed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FhirTrials.TestSupport.RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "Seeds", seed));

        var result = TrialDocumentReader.Read(bytes, seed);

        Assert.Equal(DocumentFormat.Text, result.Format);
        Assert.Null(result.RejectionReason);
        Assert.Equal(seed.Split('-')[^1][..11], Assert.Single(result.Records).NctId);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("Windows-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void A_latin1_html_page_keeps_its_accents_through_the_page_reader()
    {
        var html = "<html><body><h1>Essai ORBITAL</h1><h2>NCT ID</h2><p>NCT01234567</p><h2>Status</h2><p>Recruiting</p>"
            + "<h2>Sponsor</h2><p>Hôpital Jérôme Cartier</p><h2>Conditions</h2><ul><li>Maladie de Basedow</li></ul>"
            + "<h2>Phase</h2><p>Phase 2</p></body></html>";

        var result = TrialDocumentReader.Read(Encoding.Latin1.GetBytes(html), "page.html");

        Assert.Equal(DocumentFormat.Html, result.Format);
        var record = Assert.Single(result.Records);
        Assert.Equal("NCT01234567", record.NctId);
        Assert.Contains("Hôpital Jérôme Cartier", TrialRecordJson.Serialize(record), StringComparison.Ordinal);
        Assert.Contains(record.Warnings, w => w.Message.Contains("Windows-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void A_recipe_is_refused_in_plain_words()
    {
        var result = TrialDocumentReader.Read("Crêpes\n\nIngredients\n250 g flour\n4 eggs\n\nMethod\nWhisk, rest, fry."u8.ToArray(), "recipe.txt");

        Assert.Equal(DocumentFormat.Text, result.Format);
        Assert.NotNull(result.RejectionReason);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void Text_over_the_size_limit_is_refused_by_size()
    {
        var limits = new ReaderLimits(MaxDocumentBytes: 1000);

        var result = TrialDocumentReader.Read(new byte[2000].Select(_ => (byte)'a').ToArray(), "big.txt", limits);

        Assert.StartsWith("The file is 2000 bytes; documents of this kind are read up to 1000 bytes.", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_hash_is_the_sha256_of_the_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Study);

        var result = TrialDocumentReader.Read(bytes, "study.json");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), result.ContentHash);
        Assert.Equal(result.ContentHash, result.Records[0].Source.ContentHash);
    }

    [Fact]
    public void A_page_of_50000_criteria_keeps_the_first_1000_with_a_warning_naming_the_field()
    {
        var page = new StringBuilder("Brief title\nEssai\n\nNCT ID\nNCT09900033\n\nStatus\nRecruiting\n\nInclusion criteria\n");
        for (var i = 0; i < 50_000; i++)
        {
            page.Append("  • Criterion ").Append(i).Append('\n');
        }

        var record = Assert.Single(TrialDocumentReader.Read(Encoding.UTF8.GetBytes(page.Append("\nExclusion criteria\n  • Pregnancy\n").ToString()), "many.txt").Records);

        Assert.Equal(RecordBounds.MaxCriteriaPerList, record.Eligibility.Inclusion.Count);
        Assert.Equal("Criterion 999", record.Eligibility.Inclusion[^1]);
        Assert.Equal(["Pregnancy"], record.Eligibility.Exclusion);
        var warning = Assert.Single(record.Warnings, w => w.Field == "eligibility.inclusion");
        Assert.Equal("The document lists 50,000 inclusion criteria; the first 1,000 were kept, the other 49,000 are only in the source document.", warning.Message);
        Assert.Equal(1011, warning.Line);
        Assert.DoesNotContain(record.Provenance, p => p.Field == "eligibility.inclusion[1000]");
    }
}
