using FhirTrials.Core.Search;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Search;

public sealed class TableIndexStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly Dictionary<string, IndexEntry[]> _entries = new()
    {
        ["a"] = [new("title", "heart failure"), new("date", "2021-03-01T00:00:00", "2021-03-01T00:00:00", "2021-03-31T23:59:59"), new("sponsor", "o'brien labs")],
        ["b"] = [new("title", "heart attack"), new("date", "2022-01-01T00:00:00", "2022-01-01T00:00:00", "2022-12-31T23:59:59")],
        ["c"] = [new("title", "heartburn"), new("title", "heart failure"), new("date", "2023-06-15T00:00:00")],
        ["d"] = [new("title", "x' or RowKey ne '"), new("identifier", "http://example.org/ids|A#1?/\\")],
        ["e"] = [new("title", new string('l', 3000) + "1"), new("title", new string('l', 3000) + "2")],
    };

    private async Task<(TableIndexStore Index, StoragePolicy Policy)> CreateAsync()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, r => _entries[r.Id!]);
        foreach (var id in _entries.Keys)
        {
            await store.WriteAsync(new ResearchStudy { Id = id, Status = ResearchStudy.ResearchStudyStatus.Active });
        }

        policy.ClearRequests();
        return (new TableIndexStore(storage), policy);
    }

    [Fact]
    public async Task Exact_lookup_finds_only_that_key_with_its_version_and_range()
    {
        var (index, _) = await CreateAsync();

        var hits = await index.ExactAsync("ResearchStudy", "title", "heart failure").ToListAsync();
        var date = Assert.Single(await index.ExactAsync("ResearchStudy", "date", "2021-03-01T00:00:00").ToListAsync());

        Assert.Equal(["a", "c"], hits.Select(h => h.Id));
        Assert.All(hits, h => Assert.Equal("1", h.VersionId));
        Assert.Equal(("2021-03-01T00:00:00", "2021-03-31T23:59:59"), (date.Low, date.High));
    }

    [Fact]
    public async Task Prefix_lookup_finds_every_key_starting_with_it_ordered_by_key_then_id()
    {
        var (index, _) = await CreateAsync();

        var hits = await index.PrefixAsync("ResearchStudy", "title", "heart").ToListAsync();

        Assert.Equal(["heart attack", "heart failure", "heart failure", "heartburn"], hits.Select(h => h.Key));
        Assert.Equal(["b", "a", "c", "c"], hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Range_lookup_takes_from_inclusive_to_exclusive()
    {
        var (index, _) = await CreateAsync();

        var hits = await index.RangeAsync("ResearchStudy", "date", "2022-01-01T00:00:00", "2023-06-15T00:00:00").ToListAsync();
        var open = await index.RangeAsync("ResearchStudy", "date", null, "2022-01-01T00:00:00").ToListAsync();

        Assert.Equal(["b"], hits.Select(h => h.Id));
        Assert.Equal(["a"], open.Select(h => h.Id));
    }

    [Fact]
    public async Task Keys_with_characters_Azure_forbids_in_row_keys_are_found_exactly()
    {
        var (index, _) = await CreateAsync();

        var hit = Assert.Single(await index.ExactAsync("ResearchStudy", "identifier", "http://example.org/ids|A#1?/\\").ToListAsync());

        Assert.Equal("d", hit.Id);
    }

    [Fact]
    public async Task Long_keys_cut_in_the_row_key_still_match_exactly_on_the_full_key()
    {
        var (index, _) = await CreateAsync();

        var hit = Assert.Single(await index.ExactAsync("ResearchStudy", "title", new string('l', 3000) + "2").ToListAsync());

        Assert.Equal(new string('l', 3000) + "2", hit.Key);
    }

    [Theory]
    [InlineData("x' or RowKey ne '")]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("heart failure' or '1' eq '1")]
    public async Task Quotes_and_OData_operators_in_values_are_matched_literally_never_as_filter_syntax(string value)
    {
        var (index, _) = await CreateAsync();

        var hits = await index.ExactAsync("ResearchStudy", "title", value).ToListAsync();
        var hostileParameter = await index.ExactAsync("ResearchStudy", "title' or PartitionKey ne '", "heart failure").ToListAsync();

        Assert.Equal(value == "x' or RowKey ne '" ? ["d"] : [], hits.Select(h => h.Id));
        Assert.Empty(hostileParameter);
    }

    [Fact]
    public async Task A_selective_lookup_is_one_request_querying_one_partition_by_row_key_range()
    {
        var (index, policy) = await CreateAsync();

        await index.ExactAsync("ResearchStudy", "sponsor", "o'brien labs").ToListAsync();

        var request = Assert.Single(policy.Requests);
        Assert.True(
            request.Contains("$filter=PartitionKey eq 'ResearchStudy_sponsor' and RowKey ge 'o''brien 2labs 0' and RowKey lt 'o''brien 2labs 1'", StringComparison.Ordinal),
            request);
    }
}
