using System.Globalization;
using System.Text;
using FhirTrials.Api.Rendering;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FhirTrials.Api.Http;

/// <summary>
/// Writes FHIR responses: content type, ETag <c>W/"versionId"</c> and Last-Modified on resources, and 304 with an
/// empty body when If-None-Match names the current version or If-Modified-Since is not older than it.
/// </summary>
public static class ResourceResponses
{
    public static bool IsNotModified(HttpRequest request, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resource);
        var versionId = resource.Meta?.VersionId;
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110).
            return versionId is not null && EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.ToString().Trim('"') == versionId);
        }

        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return resource.Meta?.LastUpdated is { } lastUpdated
            && DateTimeOffset.TryParseExact(ifModifiedSince, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && TruncateToSeconds(lastUpdated) <= since;
    }

    public static void SetVersionHeaders(HttpResponse response, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Meta?.VersionId is { } versionId)
        {
            response.Headers.ETag = $"W/\"{versionId}\"";
        }

        if (resource.Meta?.LastUpdated is { } lastUpdated)
        {
            response.Headers.LastModified = lastUpdated.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        }
    }

    public static async System.Threading.Tasks.Task WriteAsync(
        HttpContext context, int status, Base body, WireFormat format, SummaryFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pretty = string.Equals(context.Request.Query["_pretty"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var text = ResourceSerializer.Serialize(body, format, filter, pretty);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentNegotiation.ContentType(format);
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public static void WriteNotModified(HttpContext context, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status304NotModified;
        SetVersionHeaders(context.Response, resource);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
