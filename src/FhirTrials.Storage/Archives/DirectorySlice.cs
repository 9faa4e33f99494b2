using System.Text.Json.Serialization;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// Where one work item's entries are described in the archive's central directory: the byte range
/// [<see cref="Offset"/>, <see cref="End"/>) of their records, found by the splitter, which reads the directory once
/// per upload. An item then parses only these records (<see cref="TrialArchive.OpenSliceAsync"/>) instead of the
/// whole directory (about 50 MB for the registry's 598,000 entries).
/// </summary>
/// <param name="Duplicates">
/// Archive indexes of the slice's entries whose name another entry of the archive shares (anywhere, not only in the
/// slice): a whole-archive check the item cannot make from its slice. Null when there are none.
/// </param>
public sealed record DirectorySlice(
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("end")] long End,
    [property: JsonPropertyName("duplicates")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<int>? Duplicates = null)
{
    public long Bytes => End - Offset;
}
