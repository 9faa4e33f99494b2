using System.Net;
using FhirTrials.Api.Tests.Support;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Tests.Http;

/// <summary>No input to any endpoint produces a 500: every parameter of every type gets hostile values.</summary>
public abstract class HostileInputTests(IApiServer server)
{
    private static readonly string[] HostileValues =
    [
        "'", "\"", "' or 1 eq 1", "x' or PartitionKey ne '", "%00", "a%00b", "%27%20or%20%271%27%20eq%20%271", new string('x', 10_000),
        "zz2024", "xx", "ge", "eq", "2024-13-45", "9999-99-99T99:99", "|", "||", "a|b|c", "\\", "\\|", ",", ",,,", "%", "%ZZ",
        "http://x|", "ResearchStudy/", "/", "Patient/../../etc", "../", "*", "true", "-1", "1e309", "\u202e", "🙂", "&", "#",
        "ResearchStudy/s1/_history/1", "http://evil.example.org/fhir/Organization/org-a",
    ];

    private static readonly string[] Modifiers = ["", ":exact", ":contains", ":missing", ":not", ":text", ":below", ":Organization", ":nonsense", ":"];

    private static readonly string[] ResultParameters =
        ["_count", "_sort", "_total", "_summary", "_elements", "_include", "_revinclude", "_token", "_format", "_pretty", "_has", "_query"];

    private readonly IApiServer _server = server;

    [Fact]
    public async System.Threading.Tasks.Task Hostile_values_for_every_search_parameter_never_give_a_500()
    {
        using var http = new HttpClient();
        var failures = new List<string>();
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            var names = SearchParameterCatalog.For(type).SelectMany(p => Modifiers.Select(m => p.Name + m)).Concat(ResultParameters);
            foreach (var name in names)
            {
                foreach (var value in HostileValues)
                {
                    await CheckAsync(http, $"{type}?{Uri.EscapeDataString(name)}={Encode(value)}", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures, e.g.\n" + string.Join("\n", failures.Take(8)));
    }

    [Fact]
    public async System.Threading.Tasks.Task Hostile_paths_headers_and_bodies_never_give_a_500()
    {
        using var http = new HttpClient();
        var failures = new List<string>();
        foreach (var value in HostileValues)
        {
            await CheckAsync(http, "ResearchStudy/" + Encode(value), failures);
            await CheckAsync(http, "ResearchStudy/s1/_history/" + Encode(value), failures);
            await CheckAsync(http, Encode(value), failures);
            await CheckAsync(http, "ResearchStudy/s1?_elements=" + Encode(value), failures);
            using var form = new FormUrlEncodedContent([new("title", value), new("_sort", value)]);
            using var post = await http.PostAsync(new Uri(_server.FhirBase, "ResearchStudy/_search"), form);
            Record(post, "POST " + value, failures);

            if (!value.All(char.IsAscii))
            {
                continue;
            }

            using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.FhirBase, "ResearchStudy/s1"));
            conditional.Headers.TryAddWithoutValidation("If-None-Match", value.Length > 100 ? value[..100] : value);
            conditional.Headers.TryAddWithoutValidation("If-Modified-Since", value.Length > 100 ? value[..100] : value);
            conditional.Headers.TryAddWithoutValidation("Accept", value.Length > 100 ? value[..100] : value);
            using var response = await http.SendAsync(conditional);
            Record(response, "headers " + value, failures);
        }

        using var manyFields = new FormUrlEncodedContent(Enumerable.Range(0, 3000).Select(i => new KeyValuePair<string, string>("title", "x" + i)));
        using var tooMany = await http.PostAsync(new Uri(_server.FhirBase, "ResearchStudy/_search"), manyFields);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        await FhirAssert.ReadStrictAsync<OperationOutcome>(tooMany);

        using var hugeValue = new FormUrlEncodedContent([new("title", new string('x', 5_000_000))]);
        using var huge = await http.PostAsync(new Uri(_server.FhirBase, "ResearchStudy/_search"), hugeValue);
        Record(huge, "5 MB form value", failures);

        using var notForm = new StringContent("{not a form", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var broken = await http.PostAsync(new Uri(_server.FhirBase, "ResearchStudy/_search"), notForm);
        Record(broken, "broken form", failures);

        Assert.True(failures.Count == 0, $"{failures.Count} failures, e.g.\n" + string.Join("\n", failures.Take(8)));
    }

    private async System.Threading.Tasks.Task CheckAsync(HttpClient http, string relative, List<string> failures)
    {
        Uri url;
        try
        {
            url = new Uri(_server.FhirBase, relative);
        }
        catch (UriFormatException)
        {
            return;
        }

        using var response = await http.GetAsync(url);
        Record(response, relative, failures);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound
            && response.Content.Headers.ContentType is { } contentType)
        {
            try
            {
                var resource = FhirAssert.ParseStrict(await response.Content.ReadAsStringAsync(), contentType);
                if (response.StatusCode != HttpStatusCode.OK && resource is not OperationOutcome)
                {
                    failures.Add($"{relative}: {(int)response.StatusCode} without an OperationOutcome");
                }
            }
            catch (Exception e) when (e is Hl7.Fhir.Serialization.DeserializationFailedException or Xunit.Sdk.XunitException)
            {
                failures.Add($"{relative}: body does not parse strictly: {e.Message}");
            }
        }
    }

    private static void Record(HttpResponseMessage response, string what, List<string> failures)
    {
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{what[..Math.Min(what.Length, 120)]}: {(int)response.StatusCode}");
        }
    }

    // Values that look like percent-escapes are sent as they are (so %00 reaches the server as a NUL); others escaped.
    private static string Encode(string value) =>
        value.StartsWith('%') || value.Contains("%2", StringComparison.Ordinal) || value.Contains("%00", StringComparison.Ordinal)
            ? value
            : Uri.EscapeDataString(value);
}

/// <summary>HostileInputTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class HostileInputTestsOnServerHost(SeededServer seeded) : HostileInputTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>HostileInputTests against the Functions app, through the test host.</summary>
public sealed class HostileInputTestsOnFunctionsHost(SeededFunctionsApp seeded) : HostileInputTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
