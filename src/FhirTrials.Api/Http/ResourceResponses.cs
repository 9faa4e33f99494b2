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
        ArgumentNullException.ThrowIfNull(resource);
        return IsNotModified(request, resource.Meta?.VersionId, resource.Meta?.LastUpdated);
    }

    public static bool IsNotModified(HttpRequest request, string? versionId, DateTimeOffset? lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110).
            return versionId is not null && EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.ToString().Trim('"') == versionId);
        }

        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return lastUpdated is { } updated
            && DateTimeOffset.TryParseExact(ifModifiedSince, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && TruncateToSeconds(updated) <= since;
    }

    public static void SetVersionHeaders(HttpResponse response, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        SetVersionHeaders(response, resource.Meta?.VersionId, resource.Meta?.LastUpdated);
    }

    public static void SetVersionHeaders(HttpResponse response, string? versionId, DateTimeOffset? lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (versionId is not null)
        {
            response.Headers.ETag = $"W/\"{versionId}\"";
        }

        if (lastUpdated is { } updated)
        {
            response.Headers.LastModified = updated.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        }
    }

    public static async System.Threading.Tasks.Task WriteAsync(
        HttpContext context, int status, Base body, WireFormat format, SummaryFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pretty = string.Equals(context.Request.Query["_pretty"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        await WriteTextAsync(context, status, ResourceSerializer.Serialize(body, format, filter, pretty), format).ConfigureAwait(false);
    }

    /// <summary>FHIR JSON already serialised (a stored version sent as it is).</summary>
    public static System.Threading.Tasks.Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteTextAsync(context, status, json, WireFormat.Json);
    }

    private static async System.Threading.Tasks.Task WriteTextAsync(HttpContext context, int status, string text, WireFormat format)
    {
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
        ArgumentNullException.ThrowIfNull(resource);
        WriteNotModified(context, resource.Meta?.VersionId, resource.Meta?.LastUpdated);
    }

    public static void WriteNotModified(HttpContext context, string? versionId, DateTimeOffset? lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status304NotModified;
        SetVersionHeaders(context.Response, versionId, lastUpdated);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
