using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FhirTrials.Cli.Failures;
using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Cli.Service;

/// <summary>
/// The running service's ops endpoint (<c>GET api/ingestions</c>) with a bearer token, for <c>status --service</c>.
/// A 401 or 403 is one line naming what the service said and <see cref="ExitCodes.AccessDenied"/>.
/// </summary>
internal static class ServiceClient
{
    public static async Task<IngestionPage> IngestionsAsync(Uri service, ServiceToken token, int count, IngestionOutcome? outcome, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"api/ingestions?_count={count}") + (outcome is { } o ? "&outcome=" + o : "");
        var uri = new Uri(service.AbsoluteUri.EndsWith('/') ? service : new Uri(service.AbsoluteUri + "/"), query);
        using var http = new HttpClient { Timeout = CliStorage.NetworkTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (await token.GetAsync(cancellationToken).ConfigureAwait(false) is { } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.StorageUnreachable, $"the service at {uri.GetLeftPart(UriPartial.Authority)} did not answer ({e.Message.Split('\n')[0]}).", e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new CliException(ExitCodes.AccessDenied, await DenialAsync(response, token, uri).ConfigureAwait(false));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(ExitCodes.StorageFailed,
                    $"the service at {uri.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode}: {await DetailAsync(response).ConfigureAwait(false)}");
            }

            return await response.Content.ReadFromJsonAsync<IngestionPage>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException(ExitCodes.StorageFailed, $"the service at {uri.GetLeftPart(UriPartial.Authority)} sent an empty ingestion log.");
        }
    }

    private static async Task<string> DenialAsync(HttpResponseMessage response, ServiceToken token, Uri uri)
    {
        var where = uri.GetLeftPart(UriPartial.Authority);
        var detail = await DetailAsync(response).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Unauthorized
            ? token.IsEmpty
                ? $"the service at {where} needs a token (401): give --token, set {ServiceToken.TokenVariable}, or --token-scope for Microsoft Entra ID."
                : $"the service at {where} refused the token (401): {detail}"
            : $"the service at {where} denied access (403): {detail}";
    }

    /// <summary>The first diagnostics of an OperationOutcome body, else the start of the body.</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("issue", out var issues) && issues.GetArrayLength() > 0
                && issues[0].TryGetProperty("diagnostics", out var diagnostics))
            {
                return diagnostics.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself, shortened below.
        }

        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length > 200 ? line[..200] + "…" : line.Length > 0 ? line : response.ReasonPhrase ?? "";
    }
}
