using System.Security.Cryptography;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Tests.Support;

/// <summary>
/// The studies the $match tests judge, read and mapped by the real readers and mapper: the five seed pages, the CT.gov
/// v2 test study (active, not recruiting) and three CT.gov v2 documents made for the edges (TestData/Match): women
/// 40-65 with type 2 diabetes (a Lyon site with a geoPoint, a Toulouse site placed by the gazetteer, a completed
/// Marseille site), adults 18+ with diabetes mellitus accepting healthy volunteers (Toulouse, and a village the
/// gazetteer does not know), and a completed type 2 diabetes study.
/// </summary>
public static class MatchData
{
    public const string Women = "nct09000001";
    public const string Diabetes = "nct09000002";
    public const string Completed = "nct09000003";
    public const string Myositis = "nct05032131";
    public const string MultipleSclerosis = "nct06592703";
    public const string SclerosisHealthy = "nct05947682";

    private static readonly Lazy<IReadOnlyList<Resource>> All = new(Build);

    public static IReadOnlyList<Resource> Resources() => All.Value;

    private static List<Resource> Build()
    {
        var records = new List<TrialRecord>();
        foreach (var page in Directory.GetFiles(Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "Seeds"), "*.txt").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(page);
            var read = PageTextReader.Read(File.ReadAllText(page),
                new PageSource(Path.GetFileName(page), Convert.ToHexStringLower(SHA256.HashData(bytes)), DocumentFormat.Text));
            records.Add(read.Record ?? throw new InvalidOperationException(page + ": " + read.RejectionReason));
        }

        var documents = Directory.GetFiles(Path.Combine(RepoPaths.Tests, "FhirTrials.Api.Tests", "TestData", "Match"), "*.json")
            .Append(Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", "study-full.json"));
        foreach (var document in documents.Order(StringComparer.Ordinal))
        {
            var result = TrialDocumentReader.Read(File.ReadAllBytes(document), Path.GetFileName(document));
            records.AddRange(result.IsRejected ? throw new InvalidOperationException(document + ": " + result.RejectionReason) : result.Records);
        }

        var recorded = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        return records.SelectMany(r => TrialFhirMapper.Map(r, new MappingOptions(recorded)).All())
            .DistinctBy(r => (r.TypeName, r.Id))
            .ToList();
    }
}

/// <summary>A Server host holding <see cref="MatchData"/>.</summary>
public sealed class MatchServer : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private KestrelServerFactory? _factory;

    public IApiServer Server => _factory!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _factory = new KestrelServerFactory(_azurite);
        await _factory.SeedAsync(MatchData.Resources());
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _factory!.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>A Functions app holding <see cref="MatchData"/>.</summary>
public sealed class MatchFunctionsApp : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private FunctionsServer? _server;

    public IApiServer Server => _server!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _server = await FunctionsServer.StartAsync(_azurite);
        await _server.SeedAsync(MatchData.Resources());
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
