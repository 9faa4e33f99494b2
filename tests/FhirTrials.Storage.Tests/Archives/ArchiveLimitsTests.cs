using FhirTrials.Storage.Archives;
using FhirTrials.Storage.Pipeline;

namespace FhirTrials.Storage.Tests.Archives;

public sealed class ArchiveLimitsTests
{
    [Fact]
    public void The_defaults_admit_the_registry_download_with_room_to_grow()
    {
        var limits = ServiceSettings.From(_ => null).Archives;

        // ctg-studies.json.zip: 2.5 GB, about 598,000 files in 100 folders, 10.3 GB unpacked, the largest study 3.6 MB.
        Assert.True(limits.MaxArchiveBytes > 2.5e9 * 2);
        Assert.True(limits.MaxEntries > 598_100 * 2);
        Assert.True(limits.MaxUnpackedBytes > 10.3e9 * 2);
        Assert.True(limits.MaxEntryBytes > 3.6e6 * 2);
        Assert.InRange(limits.MaxCompressionRatio, 20, 1000);
    }

    [Fact]
    public void Archive_limits_are_bound_from_the_flat_setting_names_into_the_pipeline_options()
    {
        var values = new Dictionary<string, string>
        {
            [ArchiveLimits.MaxArchiveBytesName] = "1000000",
            [ArchiveLimits.MaxEntriesName] = "50",
            [ArchiveLimits.MaxEntryBytesName] = "4096",
            [ArchiveLimits.MaxUnpackedBytesName] = "65536",
            [ArchiveLimits.MaxCompressionRatioName] = "20",
        };

        var limits = PipelineOptions.From(ServiceSettings.From(values.GetValueOrDefault)).Archives;

        Assert.Equal((1_000_000L, 50, 4096L, 65536L, 20), (limits.MaxArchiveBytes, limits.MaxEntries, limits.MaxEntryBytes, limits.MaxUnpackedBytes, limits.MaxCompressionRatio));
    }

    [Fact]
    public void A_setting_that_is_not_a_positive_number_keeps_its_default()
    {
        var limits = ArchiveLimits.From(name => name == ArchiveLimits.MaxEntriesName ? "-5" : "lots");

        Assert.Equal(new ArchiveLimits(), limits);
    }
}
