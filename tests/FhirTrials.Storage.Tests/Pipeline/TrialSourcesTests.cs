using FhirTrials.Core.Records;
using FhirTrials.Storage.Pipeline;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Pipeline;

public sealed class TrialSourcesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_edited_document_replaces_its_earlier_content_and_other_documents_stay()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var sources = new TrialSources(storage);

        Assert.True(await sources.PutAsync(new SourceRecord("nct1", "site-a/page.txt", "h1", Now, null, "{\"v\":1}")));
        Assert.False(await sources.PutAsync(new SourceRecord("nct1", "site-a/page.txt", "h1", Now.AddHours(1), null, "{\"v\":1}")));
        Assert.True(await sources.PutAsync(new SourceRecord("nct1", "site-a/page.txt", "h2", Now.AddHours(2), null, "{\"v\":2}")));
        await sources.PutAsync(new SourceRecord("nct1", "site-b/record.json", "h3", Now, null, "{\"v\":3}"));
        await sources.PutAsync(new SourceRecord("nct2", "other.txt", "h4", Now, null, "{}"));

        var listed = await sources.ListAsync("nct1");

        Assert.Equal(["site-a/page.txt|h2|{\"v\":2}", "site-b/record.json|h3|{\"v\":3}"], listed.Select(s => $"{s.DocumentName}|{s.ContentHash}|{s.RecordJson}"));
    }

    [Fact]
    public async Task Only_one_of_two_merges_read_at_the_same_state_commits()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var sources = new TrialSources(storage);
        var first = await sources.GetStateAsync("nct1");
        var second = await sources.GetStateAsync("nct1");

        Assert.True(await sources.TryCommitStateAsync("nct1", ["a\nh1"], first.ETag, Now));
        Assert.False(await sources.TryCommitStateAsync("nct1", ["b\nh2"], second.ETag, Now));
        var again = await sources.GetStateAsync("nct1");
        Assert.True(await sources.TryCommitStateAsync("nct1", ["a\nh1", "b\nh2"], again.ETag, Now));

        Assert.Equal(["a\nh1", "b\nh2"], (await sources.GetStateAsync("nct1")).MergedSources.Order());
    }

    [Fact]
    public async Task A_document_naming_a_known_EudraCT_number_joins_that_trial_and_conflicts_are_reported()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var aliases = new TrialAliases(storage);
        var first = Record(("NCT05947682", IdentifierKind.Nct), ("2023-000123-45", IdentifierKind.EudraCt));
        var pageWithEudraCtOnly = Record((" 2023-000123-45 ", IdentifierKind.EudraCt), ("SPONSOR-1", IdentifierKind.SponsorProtocol));
        var unknown = Record(("NCT00000001", IdentifierKind.Nct));
        var clash = Record(("NCT09999999", IdentifierKind.Nct), ("2023-000123-45", IdentifierKind.EudraCt));

        Assert.Empty(await aliases.RegisterAsync(first, "nct05947682"));

        Assert.Equal("nct05947682", await aliases.ResolveAsync(pageWithEudraCtOnly));
        Assert.Null(await aliases.ResolveAsync(unknown));
        var conflict = Assert.Single(await aliases.RegisterAsync(clash, "nct09999999"));
        Assert.Contains("already belongs to trial nct05947682", conflict, StringComparison.Ordinal);
    }

    private static TrialRecord Record(params (string Value, IdentifierKind Kind)[] identifiers)
    {
        var record = new TrialRecord { Source = new SourceInfo("doc.txt", "hash", DocumentFormat.Text, "test", "1") };
        record.Identifiers.AddRange(identifiers.Select(i => new TrialIdentifier(i.Value, i.Kind)));
        return record;
    }
}
