using System.Text;
using FhirTrials.Api.Data;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Api.Search;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Match;

/// <summary>
/// HTTP side of <c>ResearchStudy/$match</c>: reads the request (query, and for POST a Parameters or Bundle body in
/// JSON or XML), runs the <see cref="MatchExecutor"/>, pages the scored studies like a search (<c>_count</c>,
/// continuation <c>_token</c> bound to the canonical parameters), adds <c>_include</c>d resources and writes the Bundle.
/// </summary>
public sealed class MatchHandler(IFhirStore store, ContinuationKeyStore keys, TimeProvider time)
{
    /// <summary>A Patient, a few Conditions and Parameters fit many times over; anything bigger is not a $match.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly FhirJsonDeserializer Json = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable, null));
    private static readonly FhirXmlDeserializer Xml = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable, null));

    private readonly MatchExecutor _executor = new(store);
    private readonly IFhirStore _store = store;

    /// <param name="restrict">Leaves out the <c>_include</c> targets the caller may not read, with warnings (bearer mode).</param>
    public async System.Threading.Tasks.Task HandleAsync(
        HttpContext context, Uri serviceBase, WireFormat format, CancellationToken cancellationToken, Func<SearchQuery, SearchQuery>? restrict = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        var body = HttpMethods.IsPost(context.Request.Method) ? await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false) : null;
        var request = MatchRequestReader.Read(query, body, time.GetUtcNow());
        var includes = SearchQueryParser.Parse("ResearchStudy", request.Includes.Select(i => new KeyValuePair<string, string>("_include", i)), strict: true);
        if (restrict?.Invoke(includes) is { } allowed && allowed.Warnings.Count > includes.Warnings.Count)
        {
            request = request with { Warnings = [.. request.Warnings, .. allowed.Warnings.Skip(includes.Warnings.Count)] };
            includes = allowed;
        }

        var tokens = new ContinuationToken(await keys.GetAsync(cancellationToken).ConfigureAwait(false), time);
        var position = request.ContinuationToken is { } token ? tokens.Read(token, request.Fingerprint) : ((int Offset, string LastId)?)null;
        var matches = await _executor.MatchAsync(request.Criteria, cancellationToken).ConfigureAwait(false);
        var start = 0;
        if (position is { } at)
        {
            var index = matches.Select(m => m.Study.Id).ToList().IndexOf(at.LastId);
            start = index >= 0 ? index + 1 : Math.Min(at.Offset, matches.Count);
        }

        var page = matches.Skip(start).Take(request.Count).ToList();
        var end = start + page.Count;
        var next = end < matches.Count && page.Count > 0 ? tokens.Create(request.Fingerprint, end, page[^1].Study.Id!) : null;
        var included = await new IncludeResolver(_store).ResolveAsync(includes, page.Select(p => (Resource)p.Study).ToList(), cancellationToken).ConfigureAwait(false);
        var bundle = MatchBundleBuilder.Build(serviceBase, request, page, included, matches.Count, next);
        await ResourceResponses.WriteAsync(context, StatusCodes.Status200OK, bundle, format).ConfigureAwait(false);
    }

    private static async Task<Resource?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw new FhirException(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, $"$match: the body is larger than {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new FhirException(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, $"$match: the body is larger than {MaxBodyBytes} bytes.");
            }
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var isXml = request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true || text.TrimStart().StartsWith('<');
        try
        {
            return isXml ? Xml.DeserializeResource(text) : Json.DeserializeResource(text);
        }
        catch (DeserializationFailedException e)
        {
            throw FhirException.BadRequest("$match: the body is not a FHIR resource: " + Shorten(e.Message));
        }
        catch (FormatException e)
        {
            throw FhirException.BadRequest("$match: the body is not a FHIR resource: " + Shorten(e.Message));
        }
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "...";
}
