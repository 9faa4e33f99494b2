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

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var facts in Directory.EnumerateFiles(Folder, "*.facts").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetFileNameWithoutExtension(facts));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Golden_page_gives_every_labelled_fact(string page)
    {
        var result = Read(page);
        Assert.False(result.IsRejected, $"{page} was refused: {result.RejectionReason}");
        var facts = RealPageFacts.Load(Path.Combine(Folder, page + ".facts"));

        var misses = facts.Misses(RecordFlattener.Flatten(result.Records[0]));

        if (misses.Count > 0)
        {
            throw new XunitException($"{page}: {misses.Count} of {facts.Facts.Count} facts missed:\n  {string.Join("\n  ", misses)}");
        }
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
