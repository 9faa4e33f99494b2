using FhirTrials.Storage.Pipeline;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// Records of several archive entries on their way to the batch writer, each remembering its entry: an entry is
/// counted (ingested or unchanged) once its last record is written, which may be a batch after the one it began in.
/// </summary>
internal sealed class ArchiveBatch
{
    private readonly List<EntryRead> _owners = [];
    private readonly List<EntryRead> _complete = [];

    public List<TrialInput> Inputs { get; } = [];

    public int Count => Inputs.Count;

    public void Add(TrialInput input, EntryRead entry)
    {
        Inputs.Add(input);
        _owners.Add(entry);
    }

    /// <summary>The entry's document is read to its end: it is counted when this batch is written.</summary>
    public void Complete(EntryRead entry) => _complete.Add(entry);

    /// <summary>Marks the entries whose records changed something and returns those read to their end.</summary>
    public IReadOnlyList<EntryRead> Written(IReadOnlyList<TrialOutput> outputs)
    {
        for (var i = 0; i < outputs.Count; i++)
        {
            _owners[i].Changed |= outputs[i].Resources.Any(r => r.Changed);
        }

        return _complete;
    }

    /// <summary>One entry being read; shared by every batch holding one of its records.</summary>
    internal sealed class EntryRead(string name)
    {
        public string Name { get; } = name;

        public bool Changed { get; set; }
    }
}
