using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FhirTrials.Api.Http;

/// <summary>
/// Picks JSON or XML from <c>_format</c> (which wins, as the FHIR spec says) or the Accept header; null when the
/// client accepts neither (the handler answers 406).
/// </summary>
public static class ContentNegotiation
{
    public const string FhirJson = "application/fhir+json";
    public const string FhirXml = "application/fhir+xml";

    public static WireFormat? Select(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return FromFormatParameter(format);
        }

        var accept = request.Headers.Accept.ToString();
        return string.IsNullOrWhiteSpace(accept) ? WireFormat.Json : FromAccept(accept);
    }

    public static string ContentType(WireFormat format) =>
        (format == WireFormat.Xml ? FhirXml : FhirJson) + "; charset=utf-8";

    public static WireFormat? FromFormatParameter(string format)
    {
        var mediaType = format.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "json" or FhirJson or "application/json" or "application/json+fhir" or "text/json" => WireFormat.Json,
            "xml" or FhirXml or "application/xml" or "application/xml+fhir" or "text/xml" => WireFormat.Xml,
            _ => null,
        };
    }

    private static WireFormat? FromAccept(string accept)
    {
        if (!MediaTypeHeaderValue.TryParseList([accept], out var values))
        {
            return null;
        }

        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1.0))
        {
            if (value.Quality is <= 0)
            {
                continue;
            }

            var mediaType = value.MediaType.ToString().ToLower(CultureInfo.InvariantCulture);
            var format = mediaType switch
            {
                "*/*" or "application/*" => WireFormat.Json,
                _ => FromFormatParameter(mediaType),
            };
            if (format is not null)
            {
                return format;
            }
        }

        return null;
    }
}
