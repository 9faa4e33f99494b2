using System.Globalization;

namespace FhirTrials.Storage.Archives;

/// <summary>What became of an archive's entries, in the blob's ingestion log entry.</summary>
/// <param name="Entries">Entries in the archive's directory (or in the slice read), folders included.</param>
/// <param name="Ingested">Documents read whose trials changed something stored.</param>
/// <param name="Unchanged">Documents read whose trials were stored already.</param>
/// <param name="Skipped">Folders and entries that are not trial documents (Contents.txt, images, nested archives): not errors.</param>
/// <param name="Rejected">Entries refused by a guard (unsafe name, bomb, encrypted...) or by the reader.</param>
/// <param name="Reasons">"entry: reason" for the first skipped and rejected entries; the counts cover all of them.</param>
/// <param name="Requests">Range requests made on the archive blob.</param>
/// <param name="UnpackedBytes">Bytes inflated from the entries read.</param>
public sealed record ArchiveSummary(
    int Entries,
    int Ingested,
    int Unchanged,
    int Skipped,
    int Rejected,
    IReadOnlyList<string> Reasons,
    int Requests,
    long UnpackedBytes)
{
    public const int MaxListedReasons = 200;

    /// <summary>Documents read and stored (changed or not).</summary>
    public int Documents => Ingested + Unchanged;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Entries:N0} {(Entries == 1 ? "entry" : "entries")}: {Ingested:N0} ingested, {Unchanged:N0} unchanged, {Skipped:N0} skipped, {Rejected:N0} rejected");
}

/// <summary>Counts an archive's entries as they are read (several at once, so every member locks).</summary>
internal sealed class ArchiveTally
{
    private readonly Lock _gate = new();
    private readonly List<string> _reasons = [];
    private readonly List<string> _refusals = [];
    private int _ingested;
    private int _unchanged;
    private int _skipped;
    private int _rejected;
    private readonly int _entries;

    /// <summary>Starts from what the archive set aside on open among the entries of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public ArchiveTally(TrialArchive archive, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(archive);
        _entries = Math.Max(0, Math.Min(to, archive.EndIndex) - Math.Max(archive.FirstIndex, from));
        foreach (var skip in archive.SkippedBetween(from, to))
        {
            if (skip.Kind == ArchiveSkipKind.Folder)
            {
                Add(refused: false, 1);
            }
            else
            {
                SetAside(skip.Name, skip.Reason, skip.IsRefusal);
            }
        }
    }

    public void Skip(string name, string reason) => SetAside(name, reason, refused: false);

    public void Reject(string name, string reason) => SetAside(name, reason, refused: true);

    public void Read(bool changed)
    {
        lock (_gate)
        {
            _ = changed ? _ingested++ : _unchanged++;
        }
    }

    /// <summary>"entry: reason" of the first rejected entries, for the log entry's warnings (skips are not warnings).</summary>
    public IReadOnlyList<string> Refusals
    {
        get
        {
            lock (_gate)
            {
                return [.. _refusals];
            }
        }
    }

    public ArchiveSummary Complete(TrialArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        lock (_gate)
        {
            return new ArchiveSummary(_entries, _ingested, _unchanged, _skipped, _rejected, [.. _reasons], archive.Requests, archive.UnpackedBytes);
        }
    }

    private void SetAside(string name, string reason, bool refused)
    {
        lock (_gate)
        {
            Add(refused, 1);
            var line = $"{name}: {reason}";
            if (_reasons.Count < ArchiveSummary.MaxListedReasons)
            {
                _reasons.Add(line);
            }

            if (refused && _refusals.Count < ArchiveSummary.MaxListedReasons)
            {
                _refusals.Add(line);
            }
        }
    }

    private void Add(bool refused, int count)
    {
        lock (_gate)
        {
            _ = refused ? _rejected += count : _skipped += count;
        }
    }
}
