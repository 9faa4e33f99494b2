using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using FhirTrials.TestSupport.Hostile;

namespace FhirTrials.Storage.Tests.Archives;

/// <summary>ZIPs built in the test: registry-style downloads and hostile archives, some with their headers patched.</summary>
internal static class TestZips
{
    public sealed record Entry(string Name, byte[] Content, CompressionLevel Level = CompressionLevel.Optimal);

    public static byte[] Build(IEnumerable<Entry> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var stream = zip.CreateEntry(entry.Name, entry.Level).Open();
                stream.Write(entry.Content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A CT.gov API v2 study as its own file (the download's layout: one study per file).</summary>
    public static byte[] Study(int index, int padding = 200) => Encoding.UTF8.GetBytes(HostilePages.CtGovStudy(index, padding));

    /// <summary>
    /// Like ctg-studies.json.zip: one JSON file per study in folders named by the last two digits of the NCT number,
    /// folder entries included, plus a Contents.txt listing the studies (as AllPublicXML.zip has).
    /// </summary>
    public static byte[] Registry(int studies, int padding = 200, CompressionLevel level = CompressionLevel.Optimal)
    {
        var folders = Enumerable.Range(0, studies).Select(Folder).Distinct().Order(StringComparer.Ordinal)
            .Select(folder => new Entry(folder + "/", [], level));
        var files = Enumerable.Range(0, studies).Select(i => new Entry(StudyName(i), Study(i, padding), level));
        var contents = new Entry("Contents.txt", Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, studies).Select(StudyName))), level);
        return Build([.. folders, .. files, contents]);
    }

    public static string StudyName(int index) => $"{Folder(index)}/{HostilePages.CtGovNctId(index)}.json";

    private static string Folder(int index) => "NCTxxxxxx" + HostilePages.CtGovNctId(index)[^2..];

    public static byte[] Zeros(int bytes) => new byte[bytes];

    /// <summary>Rewrites the unpacked size the entry declares, in its local header and its central directory record.</summary>
    public static byte[] DeclareSize(byte[] zip, string name, uint size) =>
        Patch(zip, name, (central, local) =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(central[24..], size);
            BinaryPrimitives.WriteUInt32LittleEndian(local[22..], size);
        });

    /// <summary>Sets the "encrypted" bit of the entry's general purpose flags (the data is left as it is).</summary>
    public static byte[] MarkEncrypted(byte[] zip, string name) =>
        Patch(zip, name, (central, local) =>
        {
            central[8] |= 1;
            local[6] |= 1;
        });

    private delegate void HeaderPatch(Span<byte> central, Span<byte> local);

    private static byte[] Patch(byte[] zip, string name, HeaderPatch patch)
    {
        var bytes = (byte[])zip.Clone();
        var wanted = Encoding.UTF8.GetBytes(name);
        for (var at = 0; at + 46 <= bytes.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) != 0x02014b50)
            {
                continue;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28));
            if (bytes.AsSpan(at + 46, nameLength).SequenceEqual(wanted))
            {
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
                patch(bytes.AsSpan(at), bytes.AsSpan(local));
                return bytes;
            }
        }

        throw new ArgumentException($"No entry {name} in the archive.", nameof(name));
    }
}
