using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirTrials.Storage.WorkQueue;

/// <summary>
/// One queue message: studies [<see cref="From"/>, <see cref="To"/>) of one blob version, part of the upload logged
/// under <see cref="EntryId"/>. Small (a few hundred bytes) whatever the upload holds; the studies are read from the blob.
/// </summary>
/// <param name="BlobVersion">The ETag the upload was split from: a blob replaced since is a new upload, not this one.</param>
/// <param name="Item">The item's number in its upload, 0-based: its bit in the progress row.</param>
/// <param name="Archive">The blob is a ZIP archive: the slice is of its entries (archive index), each entry a document.</param>
public sealed record WorkItem(
    [property: JsonPropertyName("container")] string Container,
    [property: JsonPropertyName("blob")] string BlobName,
    [property: JsonPropertyName("version")] string BlobVersion,
    [property: JsonPropertyName("entry")] string EntryId,
    [property: JsonPropertyName("item")] int Item,
    [property: JsonPropertyName("from")] int From,
    [property: JsonPropertyName("to")] int To,
    [property: JsonPropertyName("archive")] bool Archive = false)
{
    /// <summary>A slice of a bulk export rather than of an upload (the other members then only name it for logs).</summary>
    [JsonPropertyName("export")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Export.ExportSlice? Export { get; init; }

    /// <summary>
    /// For an archive item, where its entries' records lie in the central directory, so it parses those only. Items
    /// queued before this existed have none and read the whole directory, as they did.
    /// </summary>
    [JsonPropertyName("directory")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Archives.DirectorySlice? Directory { get; init; }

    public static WorkItem ForExport(Export.ExportSlice slice) =>
        new("exports", (slice ?? throw new ArgumentNullException(nameof(slice))).Job, "-", slice.Job, slice.Part, 0, 1) { Export = slice };

    public int Studies => To - From;

    public string Describe() => Export is { } export ? export.Describe() : $"item {Item} ({(Archive ? "entries" : "studies")} {From} to {To - 1})";

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The item a message names; a message that is not one is refused with the reason.</summary>
    public static WorkItem Parse(string message)
    {
        WorkItem? item;
        try
        {
            item = JsonSerializer.Deserialize<WorkItem>(message);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The queue message is not a work item: {e.Message}", e);
        }

        if (item?.Export is { } export)
        {
            return export.IsValid ? item : throw new FormatException("The queue message is not a valid export slice (job, type, part).");
        }

        if (item is null || string.IsNullOrEmpty(item.Container) || string.IsNullOrEmpty(item.BlobName) || string.IsNullOrEmpty(item.BlobVersion)
            || string.IsNullOrEmpty(item.EntryId) || item.Item < 0 || item.From < 0 || item.To <= item.From)
        {
            throw new FormatException("The queue message is not a work item (container, blob, version, entry, item, from < to).");
        }

        return item;
    }
}
