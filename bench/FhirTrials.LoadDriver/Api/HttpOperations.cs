using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FhirTrials.LoadDriver.Api;

/// <summary>Our side: the questions asked of the running Server host over real HTTP, one shared connection pool.</summary>
internal sealed class HttpOperations : IDisposable
{
    private readonly HttpClient _http;

    public HttpOperations(Uri fhirBase)
    {
        // No Accept-Encoding: the storage baseline gets uncompressed answers too.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = fhirBase,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
    }

    public Task<bool> ReadAsync(string id, CancellationToken cancellationToken) =>
        GetAsync("ResearchStudy/" + Uri.EscapeDataString(id), cancellationToken);

    public Task<bool> SearchIdentifierAsync(string nct, CancellationToken cancellationToken) =>
        GetAsync("ResearchStudy?identifier=" + Uri.EscapeDataString(nct), cancellationToken);

    public Task<bool> SearchConditionAsync(string code, CancellationToken cancellationToken) =>
        GetAsync("ResearchStudy?condition=" + Uri.EscapeDataString(code), cancellationToken);

    /// <summary>Any GET of the FHIR API that must answer 200 (the $match benchmark's questions).</summary>
    public Task<bool> GetOkAsync(string relative, CancellationToken cancellationToken) => GetAsync(relative, cancellationToken);

    /// <summary>The number of entries a search answers with (checked once before measuring, not per request).</summary>
    public async Task<int> CountEntriesAsync(string relative, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(relative, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {relative} answered {(int)response.StatusCode}: {body}");
        }

        using var bundle = JsonDocument.Parse(body);
        return bundle.RootElement.TryGetProperty("entry", out var entries) ? entries.GetArrayLength() : 0;
    }

    public void Dispose() => _http.Dispose();

    private async Task<bool> GetAsync(string relative, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(relative, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
