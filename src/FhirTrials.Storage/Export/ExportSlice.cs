using System.Text.Json.Serialization;

namespace FhirTrials.Storage.Export;

/// <summary>
/// A work item of an export: part <see cref="Part"/> of <see cref="Type"/>, the rows after <see cref="After"/> (null:
/// from the first). Travels on the work queue inside a <see cref="WorkQueue.WorkItem"/>.
/// </summary>
public sealed record ExportSlice(
    [property: JsonPropertyName("job")] string Job,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("part")] int Part,
    [property: JsonPropertyName("after")] string? After)
{
    public string Describe() => $"export {Job} {Type} part {Part}";

    public bool IsValid => ExportJobs.IsJobId(Job) && Resources.ResourceKeys.IsValid(Type, "x") && Part >= 0;
}
