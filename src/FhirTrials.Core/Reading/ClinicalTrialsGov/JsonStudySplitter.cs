using System.Text.Json;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

internal enum SplitStep
{
    /// <summary>A study object was found: its bytes are <c>[StudyStart, StudyEnd)</c> of the span given.</summary>
    Study,

    /// <summary>The span ends inside a value: call again with the same uncommitted bytes plus more.</summary>
    NeedMoreData,

    /// <summary>The document is finished.</summary>
    End,

    /// <summary>The JSON is well formed so far but holds no CT.gov study.</summary>
    NoStudies,
}

/// <summary>
/// Finds the study objects in a CT.gov API v2 document without holding it whole: one study object, a search page
/// <c>{"studies":[...], "nextPageToken": ...}</c>, or a bare array of studies. The caller feeds it bytes from the
/// last committed position; each call commits what it has fully read, so memory stays at about one study.
/// </summary>
internal sealed class JsonStudySplitter(int maxDepth)
{
    private enum Mode
    {
        Start,
        TopObject,
        StudiesArray,
        TopArray,
        Done,
    }

    // Top-level properties of an API v2 study object.
    private static readonly string[] StudyProperties =
        ["protocolSection", "derivedSection", "resultsSection", "documentSection", "annotationSection", "hasResults"];

    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip });
    private Mode _mode = Mode.Start;

    public bool IsPage { get; private set; }

    /// <summary>Advances through <paramref name="buffer"/> (the bytes after the last commit).</summary>
    /// <param name="committed">How many leading bytes of the buffer are fully read and may be discarded.</param>
    /// <exception cref="JsonException">The JSON is malformed or nested deeper than allowed.</exception>
    public SplitStep Next(ReadOnlySpan<byte> buffer, bool isFinalBlock, out int studyStart, out int studyEnd, out int committed)
    {
        studyStart = studyEnd = committed = 0;
        var reader = new Utf8JsonReader(buffer, isFinalBlock, _state);
        while (true)
        {
            var probe = reader;
            switch (_mode)
            {
                case Mode.Done:
                    return SplitStep.End;

                case Mode.Start:
                    if (!probe.Read())
                    {
                        return isFinalBlock ? SplitStep.NoStudies : SplitStep.NeedMoreData;
                    }

                    if (probe.TokenType == JsonTokenType.StartArray)
                    {
                        IsPage = true;
                        _mode = Mode.TopArray;
                        Commit(ref reader, probe, ref committed);
                        continue;
                    }

                    if (probe.TokenType != JsonTokenType.StartObject)
                    {
                        return SplitStep.NoStudies;
                    }

                    var start = (int)probe.TokenStartIndex;
                    var objectStart = probe;
                    switch (Classify(ref probe))
                    {
                        case null:
                            return SplitStep.NeedMoreData;
                        case true:
                            IsPage = true;
                            _mode = Mode.TopObject;
                            Commit(ref reader, objectStart, ref committed);
                            continue;
                    }

                    if (!objectStart.TrySkip())
                    {
                        return SplitStep.NeedMoreData;
                    }

                    _mode = Mode.Done;
                    (studyStart, studyEnd) = (start, (int)objectStart.BytesConsumed);
                    Commit(ref reader, objectStart, ref committed);
                    return SplitStep.Study;

                case Mode.TopObject:
                    if (!probe.Read())
                    {
                        return SplitStep.NeedMoreData;
                    }

                    if (probe.TokenType == JsonTokenType.EndObject)
                    {
                        _mode = Mode.Done;
                        Commit(ref reader, probe, ref committed);
                        return SplitStep.End;
                    }

                    var isStudies = probe.ValueTextEquals("studies"u8);
                    if (!probe.Read())
                    {
                        return SplitStep.NeedMoreData;
                    }

                    if (isStudies && probe.TokenType == JsonTokenType.StartArray)
                    {
                        _mode = Mode.StudiesArray;
                    }
                    else if (!probe.TrySkip())
                    {
                        return SplitStep.NeedMoreData;
                    }

                    Commit(ref reader, probe, ref committed);
                    continue;

                default:
                    if (!probe.Read())
                    {
                        return SplitStep.NeedMoreData;
                    }

                    if (probe.TokenType == JsonTokenType.EndArray)
                    {
                        _mode = _mode == Mode.StudiesArray ? Mode.TopObject : Mode.Done;
                        Commit(ref reader, probe, ref committed);
                        continue;
                    }

                    var elementStart = (int)probe.TokenStartIndex;
                    var isObject = probe.TokenType == JsonTokenType.StartObject;
                    if (!probe.TrySkip())
                    {
                        return SplitStep.NeedMoreData;
                    }

                    Commit(ref reader, probe, ref committed);
                    if (isObject)
                    {
                        (studyStart, studyEnd) = (elementStart, (int)probe.BytesConsumed);
                        return SplitStep.Study;
                    }

                    continue;
            }
        }
    }

    /// <summary>true: a search page; false: a study object; null: more bytes are needed to tell.
    /// An object that is neither is read as a study, and the study reader refuses it by name.</summary>
    private static bool? Classify(ref Utf8JsonReader probe)
    {
        while (true)
        {
            if (!probe.Read())
            {
                return null;
            }

            if (probe.TokenType == JsonTokenType.EndObject)
            {
                return false;
            }

            if (probe.ValueTextEquals("studies"u8))
            {
                return true;
            }

            foreach (var name in StudyProperties)
            {
                if (probe.ValueTextEquals(name))
                {
                    return false;
                }
            }

            if (!probe.Read() || !probe.TrySkip())
            {
                return null;
            }
        }
    }

    private void Commit(ref Utf8JsonReader reader, Utf8JsonReader advanced, ref int committed)
    {
        reader = advanced;
        _state = advanced.CurrentState;
        committed = (int)advanced.BytesConsumed;
    }
}
