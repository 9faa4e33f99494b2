using System.Text.Json;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>
/// Reads the studies of one CT.gov API v2 JSON document, one at a time, from windows of its UTF-8 bytes: the same
/// code serves a document held in memory and one streamed from storage.
/// </summary>
internal sealed class CtGovJsonDocumentReader
{
    public const string StudyLayout = "ctgov-api-v2";
    public const string PageLayout = "ctgov-api-v2-search-page";

    /// <summary>API v2 documents come from ClinicalTrials.gov by definition, whoever uploaded them.</summary>
    private const string SiteName = "ClinicalTrials.gov";

    private readonly string _documentName;
    private readonly string _contentHash;
    private readonly ReaderLimits _limits;
    private readonly JsonStudySplitter _splitter;
    private int _line = 1;
    private int _studies;
    private int _records;

    public CtGovJsonDocumentReader(string documentName, string contentHash, ReaderLimits limits)
    {
        _documentName = documentName;
        _contentHash = contentHash;
        _limits = limits;
        _splitter = new JsonStudySplitter(limits.MaxJsonDepth);
    }

    public string Layout => _splitter.IsPage ? PageLayout : StudyLayout;

    public List<ReadWarning> Warnings { get; } = [];

    /// <summary>Set when the document cannot be read and no study in it was.</summary>
    public string? RejectionReason { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>Reads as far as the window allows: at most one study.</summary>
    /// <param name="window">The document's bytes after the last committed position.</param>
    /// <param name="record">The study read, if one was.</param>
    /// <param name="needMoreData">The window ends inside a value: call again with it plus more bytes.</param>
    /// <returns>How many leading bytes of the window are done with and may be discarded.</returns>
    public int Advance(ReadOnlyMemory<byte> window, bool isFinalBlock, out TrialRecord? record, out bool needMoreData)
    {
        record = null;
        needMoreData = false;
        try
        {
            var step = _splitter.Next(window.Span, isFinalBlock, out var start, out var end, out var committed);
            switch (step)
            {
                case SplitStep.Study:
                    var studyLine = _line + window.Span[..start].Count((byte)'\n');
                    record = ReadStudy(window[start..end], studyLine);
                    break;
                case SplitStep.NeedMoreData when isFinalBlock:
                    Fail("The JSON ends before it is complete.");
                    break;
                case SplitStep.NeedMoreData:
                    needMoreData = true;
                    if (window.Length - committed > _limits.MaxStudyBytes)
                    {
                        Fail($"A study in the JSON is larger than {ReaderLimits.Megabytes(_limits.MaxStudyBytes)}; the document was not read further.");
                    }

                    break;
                case SplitStep.NoStudies:
                    Fail(CtGovJsonStudyReader.NoStudyReason);
                    break;
                default:
                    Finished = true;
                    if (_records == 0 && RejectionReason is null)
                    {
                        RejectionReason = _studies == 0
                            ? "The JSON has no ClinicalTrials.gov study in it (the studies list is empty or missing)."
                            : CtGovJsonStudyReader.NoStudyReason;
                    }

                    break;
            }

            _line += window.Span[..committed].Count((byte)'\n');
            return committed;
        }
        catch (JsonException ex)
        {
            // The reader state carried from window to window keeps counting lines, so this is the document's line.
            var line = (int)(ex.LineNumber ?? 0) + 1;
            Fail(ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"The JSON is nested more than {_limits.MaxJsonDepth} levels deep (line {line}); it was refused."
                : $"The JSON is malformed at line {line}: {FirstSentence(ex.Message)}", line);
            return 0;
        }
    }

    private TrialRecord? ReadStudy(ReadOnlyMemory<byte> study, int firstLine)
    {
        _studies++;
        var options = new JsonDocumentOptions { MaxDepth = _limits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip };
        using var document = JsonDocument.Parse(study, options);
        var lines = JsonLineMap.Build(study.Span, firstLine, _limits.MaxJsonDepth);
        var source = new SourceInfo(_documentName, _contentHash, DocumentFormat.ClinicalTrialsGovJson, Layout, TrialDocumentReader.ReaderVersion, SiteName);
        var record = CtGovJsonStudyReader.Read(document.RootElement, lines, source, out var rejection);
        if (record is null)
        {
            if (_splitter.IsPage)
            {
                Warnings.Add(new ReadWarning(null, $"Study {_studies} of the page (line {firstLine}) has no protocolSection; it was skipped.", firstLine));
            }

            return null;
        }

        _records++;
        return record;
    }

    /// <summary>A broken document after some studies keeps them, with a warning; before any, it is refused.</summary>
    private void Fail(string reason, int? line = null)
    {
        Finished = true;
        if (_records == 0)
        {
            RejectionReason = reason;
        }
        else
        {
            Warnings.Add(new ReadWarning(null, reason + $" The {_records} studies before it were read.", line));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
