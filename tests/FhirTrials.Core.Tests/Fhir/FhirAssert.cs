using System.Globalization;
using System.Text.Json.Nodes;
using FhirTrials.Core.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Xunit.Sdk;

namespace FhirTrials.Core.Tests.Fhir;

/// <summary>
/// The checks every produced resource must pass: Firely's strict deserializer (JSON and XML, narrative checked as
/// FHIR XHTML) with zero issues, and the R4 invariants that apply to what we write, checked on the JSON form.
/// </summary>
internal static class FhirAssert
{
    private static DeserializerSettings Strict => new DeserializerSettings().UsingMode(DeserializationMode.Strict, NarrativeValidationKind.FhirXhtml);

    public static void ParsesStrictly(Resource resource)
    {
        var json = FhirFormat.ToJson(resource);
        if (!new FhirJsonDeserializer(Strict).TryDeserializeResource(json, out _, out var jsonIssues))
        {
            throw new XunitException($"{resource.TypeName}/{resource.Id} JSON: {string.Join("; ", jsonIssues.Select(i => i.Message))}");
        }

        var xml = FhirFormat.ToXml(resource);
        if (!new FhirXmlDeserializer(Strict).TryDeserializeResource(xml, out _, out var xmlIssues))
        {
            throw new XunitException($"{resource.TypeName}/{resource.Id} XML: {string.Join("; ", xmlIssues.Select(i => i.Message))}");
        }
    }

    /// <summary>Every resource parses strictly and the set satisfies the R4 invariants, references resolving in it.</summary>
    public static void Valid(IReadOnlyCollection<Resource> resources)
    {
        var problems = new List<string>();
        var known = resources.Select(r => r.TypeName + "/" + r.Id).ToHashSet(StringComparer.Ordinal);
        if (known.Count != resources.Count)
        {
            problems.Add("duplicate Type/id in the set (bdl-7 would fail)");
        }

        foreach (var resource in resources)
        {
            ParsesStrictly(resource);
            var where = resource.TypeName + "/" + resource.Id;
            if (!FhirIds.IsValid(resource.Id))
            {
                problems.Add($"{where}: id breaks the FHIR id rule");
            }

            if (resource is DomainResource { Text.Div: null or "" } or DomainResource { Text: null })
            {
                problems.Add($"{where}: dom-6 no narrative");
            }

            var json = JsonNode.Parse(FhirFormat.ToJson(resource))!;
            Walk(json, "", where, known, problems);
            CheckTyped(resource, where, problems);
        }

        if (problems.Count > 0)
        {
            throw new XunitException(string.Join("\n", problems));
        }
    }

    private static void CheckTyped(Resource resource, string where, List<string> problems)
    {
        switch (resource)
        {
            case Group group:
                if (group.Member.Count > 0 && group.Actual != true)
                {
                    problems.Add($"{where}: grp-1 members in a definitional group");
                }

                foreach (var range in group.Characteristic.Select(c => c.Value).OfType<Hl7.Fhir.Model.Range>())
                {
                    if (range.Low is { } low && range.High is { } high && (low.Code != high.Code || low.Value > high.Value))
                    {
                        problems.Add($"{where}: rng-2 low {low.Value} {low.Code} > high {high.Value} {high.Code} (or different units)");
                    }
                }

                break;
            case PlanDefinition plan:
                var goals = plan.Goal.Select(g => g.ElementId).ToHashSet();
                foreach (var goalId in Flatten(plan.Action).SelectMany(a => a.GoalId))
                {
                    if (!goals.Contains(goalId))
                    {
                        problems.Add($"{where}: pld-3 goalId {goalId} names no goal");
                    }
                }

                break;
            case Organization organization when string.IsNullOrEmpty(organization.Name) && organization.Identifier.Count == 0:
                problems.Add($"{where}: org-1 neither name nor identifier");
                break;
            default:
                break;
        }
    }

    private static IEnumerable<PlanDefinition.ActionComponent> Flatten(IEnumerable<PlanDefinition.ActionComponent> actions) =>
        actions.SelectMany(a => Flatten(a.Action).Prepend(a));

    private static void Walk(JsonNode? node, string path, string where, HashSet<string> known, List<string> problems)
    {
        switch (node)
        {
            case null:
                problems.Add($"{where}: ele-1 null at {path}");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    problems.Add($"{where}: ele-1 empty object at {path}");
                }

                if (path.EndsWith(".extension", StringComparison.Ordinal) || path.EndsWith(".modifierExtension", StringComparison.Ordinal))
                {
                    var values = obj.Count(p => p.Key.StartsWith("value", StringComparison.Ordinal));
                    var nested = obj.ContainsKey("extension");
                    if (!obj.ContainsKey("url") || (values == 1) == nested || values > 1)
                    {
                        problems.Add($"{where}: ext-1 extension at {path} needs a url and either one value or nested extensions");
                    }
                }

                if (obj["reference"] is JsonValue reference && reference.GetValue<string>() is var target
                    && !target.StartsWith('#') && !known.Contains(target))
                {
                    problems.Add($"{where}: reference {target} at {path} does not resolve in the set");
                }

                if (obj["start"] is JsonValue start && obj["end"] is JsonValue end
                    && Earliest(start.GetValue<string>()) > Latest(end.GetValue<string>()))
                {
                    problems.Add($"{where}: per-1 period at {path} starts after it ends");
                }

                if (obj["value"] is not null && obj.ContainsKey("use") && path.EndsWith(".telecom", StringComparison.Ordinal) && !obj.ContainsKey("system"))
                {
                    problems.Add($"{where}: cpt-2 contact point at {path} has a value but no system");
                }

                foreach (var (key, child) in obj)
                {
                    Walk(child, path + "." + key, where, known, problems);
                }

                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    problems.Add($"{where}: ele-1 empty array at {path}");
                }

                foreach (var item in array)
                {
                    Walk(item, path, where, known, problems);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text):
                problems.Add($"{where}: string at {path} is empty or only padding");
                break;
            default:
                break;
        }
    }

    private static DateTime Earliest(string date) => Parse(date, latest: false);

    private static DateTime Latest(string date) => Parse(date, latest: true);

    private static DateTime Parse(string date, bool latest)
    {
        var parts = date.Split('T')[0].Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var month = parts.Length > 1 ? parts[1] : latest ? 12 : 1;
        var day = parts.Length > 2 ? parts[2] : latest ? DateTime.DaysInMonth(parts[0], month) : 1;
        return new DateTime(parts[0], month, day, 0, 0, 0, DateTimeKind.Utc);
    }
}
