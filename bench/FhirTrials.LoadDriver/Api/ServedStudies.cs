using Azure.Core;
using Azure.Data.Tables;
using FhirTrials.Storage;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// Generated studies stored in one Azurite and served by the Server host, with both ways of asking: over HTTP
/// (ours) and with the bare Table SDK (the baseline). Grows in steps; the questions draw from what is stored.
/// </summary>
internal sealed class ServedStudies : IAsyncDisposable
{
    private const string TablePrefix = "bench";

    private readonly StorePopulator _populator;
    private readonly ServerProcess _server;
    private readonly HttpOperations _http;
    private readonly TableBaseline _baseline;
    private readonly RequestCounter _baselineRequests = new();
    private readonly EngineRequestCount _engine;

    private ServedStudies(string connectionString, StorePopulator populator, ServerProcess server)
    {
        _populator = populator;
        _server = server;
        _http = new HttpOperations(server.BaseAddress);
        var options = new TableClientOptions();
        options.AddPolicy(_baselineRequests, HttpPipelinePosition.PerRetry);
        _baseline = new TableBaseline(new TableServiceClient(connectionString, options), new Storage.Tables.TableNames(TablePrefix));
        _engine = new EngineRequestCount(connectionString, TablePrefix);
    }

    public int Count => _populator.Count;

    public bool Bulk => _populator.Bulk;

    /// <param name="bulk">Populate with <see cref="BulkStudyLoader"/> instead of the real write path.</param>
    public static async Task<ServedStudies> StartAsync(AzuriteProcess azurite, bool bulk, CancellationToken cancellationToken)
    {
        var generator = StudyGenerator.FromRepository();
        var storage = TrialStorage.Connect(azurite.ConnectionString, TablePrefix);
        await StorageProvisioner.EnsureCreatedAsync(storage, [], cancellationToken);
        var server = await ServerProcess.StartAsync(azurite.ConnectionString, TablePrefix, cancellationToken);
        Console.WriteLine($"  Server host listening at {server.BaseAddress}; {generator.TemplateCount} template records read");
        return new ServedStudies(azurite.ConnectionString, new StorePopulator(storage, generator, 4 * Environment.ProcessorCount, bulk), server);
    }

    /// <summary>Stores studies up to <paramref name="size"/>, then checks the API answers what was stored.</summary>
    public async Task<TimeSpan> GrowToAsync(int size, CancellationToken cancellationToken)
    {
        var elapsed = await _populator.GrowToAsync(size, cancellationToken);
        await CheckAnswersAsync(cancellationToken);
        return elapsed;
    }

    public MeasuredOperation Read => new("read", () => StudyGenerator.StudyId(Random.Shared.Next(Count)), _http.ReadAsync, _baseline.ReadAsync);

    public MeasuredOperation SearchIdentifier =>
        new("search identifier", () => StudyGenerator.NctId(Random.Shared.Next(Count)), _http.SearchIdentifierAsync, _baseline.SearchIdentifierAsync);

    public MeasuredOperation SearchCondition =>
        new("search condition", () => StudyGenerator.ConditionCode(Random.Shared.Next(Count / StudyGenerator.StudiesPerCondition)),
            _http.SearchConditionAsync, _baseline.SearchConditionAsync);

    /// <summary>$match for a patient of <see cref="MatchAge"/> with group g's condition given as its MeSH code (ours),
    /// next to the search answering the same age-and-condition question (the "baseline" column).</summary>
    public MeasuredOperation MatchByCode => new("$match age+condition code vs search",
        () => StudyGenerator.ConditionCode(Random.Shared.Next(Count / StudyGenerator.StudiesPerCondition)),
        (code, ct) => _http.GetOkAsync(MatchPath(code), ct), (code, ct) => _http.GetOkAsync(SearchPath(code), ct));

    /// <summary>The same with the condition as text ("Benchmark condition 12"): three word lookups, two of them of a
    /// word every study has (read until the 1,000-study cut-off, then left out).</summary>
    public MeasuredOperation MatchByText => new("$match age+condition text vs search",
        () => StudyGenerator.ConditionCode(Random.Shared.Next(Count / StudyGenerator.StudiesPerCondition)),
        (code, ct) => _http.GetOkAsync("ResearchStudy/$match?age=" + MatchAge + "&condition=" + Uri.EscapeDataString("Benchmark condition " + int.Parse(code[5..], System.Globalization.CultureInfo.InvariantCulture)), ct),
        (code, ct) => _http.GetOkAsync(SearchPath(code), ct));

    public const int MatchAge = 50;

    public static string MatchPath(string code) => "ResearchStudy/$match?age=" + MatchAge + "&condition=" + Uri.EscapeDataString("urn:oid:2.16.840.1.113883.6.177|" + code);

    public static string SearchPath(string code) => "ResearchStudy?eligible-age=" + MatchAge + "&condition=" + Uri.EscapeDataString(code) + "&status=active,approved";

    public Task<int> CountEntriesAsync(string relative, CancellationToken cancellationToken) => _http.CountEntriesAsync(relative, cancellationToken);

    /// <summary>Storage requests per request of the operation: ours counted through the engine in process, the baseline's by its client.</summary>
    public async Task<(double Ours, double Baseline)> StorageRequestsAsync(MeasuredOperation operation, CancellationToken cancellationToken)
    {
        const int Samples = 20;
        Func<string, string> path = operation.Name switch
        {
            "read" => id => "ResearchStudy/" + id,
            "search identifier" => nct => "ResearchStudy?identifier=" + nct,
            _ => code => "ResearchStudy?condition=" + code,
        };
        var ours = await _engine.PerRequestAsync(operation.Pick, path, Samples, cancellationToken);
        var before = _baselineRequests.Count;
        for (var i = 0; i < Samples; i++)
        {
            await operation.Baseline(operation.Pick(), cancellationToken);
        }

        return (ours, (_baselineRequests.Count - before) / (double)Samples);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task CheckAnswersAsync(CancellationToken cancellationToken)
    {
        var n = Random.Shared.Next(Count);
        var byIdentifier = await _http.CountEntriesAsync("ResearchStudy?identifier=" + StudyGenerator.NctId(n), cancellationToken);
        var code = StudyGenerator.ConditionCode(n / StudyGenerator.StudiesPerCondition);
        var byCondition = await _http.CountEntriesAsync("ResearchStudy?condition=" + code, cancellationToken);
        if (byIdentifier != 1 || byCondition != StudyGenerator.StudiesPerCondition || !await _http.ReadAsync(StudyGenerator.StudyId(n), cancellationToken))
        {
            throw new InvalidOperationException(
                $"The API does not answer what was stored: identifier {StudyGenerator.NctId(n)} found {byIdentifier} (expected 1), condition {code} " +
                $"found {byCondition} (expected {StudyGenerator.StudiesPerCondition}). Server output:{Environment.NewLine}{_server.LastOutput()}");
        }

    }
}
