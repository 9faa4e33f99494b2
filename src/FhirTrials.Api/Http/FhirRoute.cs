namespace FhirTrials.Api.Http;

public enum FhirInteraction
{
    Capabilities,
    Read,
    VRead,
    HistoryInstance,
    SearchType,
    SmartConfiguration,
    Export,
    ExportStatus,
    ExportCancel,
    ExportFile,
    HistoryType,
    HistorySystem,
    Match,
}

/// <summary>A recognised request: the interaction and the type, id and version it names.</summary>
public sealed record FhirRoute(FhirInteraction Interaction, string? ResourceType = null, string? Id = null, string? VersionId = null);
