using FhirTrials.Core.Reading;
using FhirTrials.TestSupport;
using Xunit.Sdk;

namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>
/// Golden pages modelled on real trial pages of registries and sites (TestData/RealPages, README there), each read
/// through the whole document reader and checked against its hand-written <c>.facts</c> file.
/// </summary>
public sealed class RealPageTests
{
    private static readonly string[] PageExtensions = [".txt", ".html", ".md"];

    public static string Folder { get; } = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "RealPages");

    public static TheoryData<string> Pages() => new(PageNames());

    private static IEnumerable<string> PageNames() =>
        Directory.EnumerateFiles(Folder, "*.facts").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [Theory]
    [MemberData(nameof(Pages))]
    public void Golden_page_gives_every_labelled_fact_but_its_known_misses(string page)
    {
        var result = Read(page);
        Assert.False(result.IsRejected, $"{page} was refused: {result.RejectionReason}");
        var facts = RealPageFacts.Load(Path.Combine(Folder, page + ".facts"));

        var misses = facts.Misses(RecordFlattener.Flatten(result.Records[0]));

        if (Environment.GetEnvironmentVariable("FHIRTRIALS_UPDATE_GOLDEN") == "1")
        {
            KnownMisses.Rewrite(page, misses.Select(m => m.Fact));
            return;
        }

        var known = KnownMisses.For(page);
        var lost = misses.Where(m => !known.Contains(m.Fact)).ToList();
        var nowMet = known.Except(misses.Select(m => m.Fact)).ToList();
        if (lost.Count > 0 || nowMet.Count > 0)
        {
            throw new XunitException(
                $"{page}: {misses.Count} of {facts.Facts.Count} facts missed.\n"
                + (lost.Count > 0 ? $"Missed and not in known-misses.txt (a regression):\n  {string.Join("\n  ", lost)}\n" : string.Empty)
                + (nowMet.Count > 0 ? $"Met now, remove from known-misses.txt:\n  {string.Join("\n  ", nowMet)}\n" : string.Empty));
        }
    }

    [Fact]
    public void Known_misses_name_only_golden_pages_and_their_facts()
    {
        var pages = PageNames().ToHashSet(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var facts = RealPageFacts.Load(Path.Combine(Folder, page + ".facts")).Facts.ToHashSet(StringComparer.Ordinal);
            Assert.All(KnownMisses.For(page), fact => Assert.Contains(fact, facts));
        }

        // Every line belongs to a page above: a line naming a page without a .facts file would be counted only here.
        Assert.Equal(KnownMisses.Count, pages.Sum(p => KnownMisses.For(p).Count));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Golden_page_is_one_trial_not_refused(string page)
    {
        var result = Read(page);

        Assert.Null(result.RejectionReason);
        Assert.Single(result.Records);
    }

    internal static DocumentReadResult Read(string page)
    {
        var path = PageExtensions.Select(e => Path.Combine(Folder, page + e)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{page}.facts has no page beside it ({string.Join(", ", PageExtensions)}).");
        return TrialDocumentReader.Read(File.ReadAllBytes(path), Path.GetFileName(path));
    }
}
