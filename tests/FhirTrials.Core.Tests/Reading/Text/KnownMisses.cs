namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>
/// The ledger of labelled facts the reader does not meet yet (TestData/RealPages/known-misses.txt, "page | fact" a
/// line). It is a ratchet, not a licence: a miss not in it fails (a regression), and a fact in it that the reader now
/// meets fails too until its line is removed, so the ledger only ever shrinks and always says what is left to do.
/// <c>FHIRTRIALS_UPDATE_GOLDEN=1</c> rewrites a page's lines from what the reader does now; read the diff before
/// committing it: an added line is a fact the reader lost.
/// </summary>
internal static class KnownMisses
{
    private const string Separator = " | ";

    private static readonly string LedgerPath = Path.Combine(RealPageTests.Folder, "known-misses.txt");

    private static readonly Lock WriteLock = new();

    public static IReadOnlySet<string> For(string page) =>
        Read().Where(l => l.Page == page).Select(l => l.Fact).ToHashSet(StringComparer.Ordinal);

    public static int Count => Read().Count;

    public static void Rewrite(string page, IEnumerable<string> facts)
    {
        lock (WriteLock)
        {
            var kept = Read().Where(l => l.Page != page).Concat(facts.Select(f => (Page: page, Fact: f)))
                .OrderBy(l => l.Page, StringComparer.Ordinal);
            var header = File.ReadLines(LedgerPath).TakeWhile(l => l.StartsWith('#')).ToList();
            File.WriteAllLines(LedgerPath, header.Concat(kept.Select(l => l.Page + Separator + l.Fact)));
        }
    }

    private static List<(string Page, string Fact)> Read() =>
        File.ReadLines(LedgerPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(Separator, 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}
