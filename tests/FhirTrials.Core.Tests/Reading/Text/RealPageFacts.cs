using System.Text.RegularExpressions;

namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>
/// The hand-written expectation of a golden page: the facts a person labelled on it, written before the reader ran.
/// One fact a line, in the flattened record's "path: value" form (<see cref="RecordFlattener"/>):
/// <list type="bullet">
/// <item><c>path: value</c>: the record has exactly this line (<c>conditions[1]: Obesity</c>);</item>
/// <item><c>[*]</c> in a path matches any index (<c>warnings[*].field: status</c>: some warning names status);</item>
/// <item><c>-path</c>: no line of the record starts with this path (<c>-conditions[2]</c>: at most two conditions);</item>
/// <item><c># ...</c>: comments (site, the real pages it is modelled on, layout, language).</item>
/// </list>
/// Facts are a subset: a value the person did not label is not checked, so each fact says what a user needs.
/// </summary>
internal sealed record RealPageFacts(string Page, IReadOnlyList<string> Facts)
{
    public static RealPageFacts Load(string factsPath) => new(
        Path.GetFileNameWithoutExtension(factsPath),
        File.ReadAllLines(factsPath).Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList());

    /// <summary>The facts the flattened record does not hold, each with what the record has at that path instead.</summary>
    public IReadOnlyList<RealPageMiss> Misses(string flattened)
    {
        var lines = flattened.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var misses = new List<RealPageMiss>();
        foreach (var fact in Facts)
        {
            if (fact.StartsWith('-'))
            {
                var prefix = PathPattern(fact[1..].Trim());
                var present = lines.Where(l => prefix.IsMatch(l)).ToList();
                if (present.Count > 0)
                {
                    misses.Add(new(fact, $"the record has: {string.Join(" | ", present.Take(3))}"));
                }

                continue;
            }

            var colon = fact.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                misses.Add(new(fact, "not a fact line: write 'path: value' or '-path'"));
                continue;
            }

            var path = fact[..colon];
            var value = fact[(colon + 2)..];
            var pathPattern = new Regex("^" + Regex.Escape(path).Replace(@"\[\*]", @"\[\d+]", StringComparison.Ordinal) + ": ", RegexOptions.CultureInvariant);
            var atPath = lines.Where(l => pathPattern.IsMatch(l)).ToList();
            if (!atPath.Any(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..] == value))
            {
                misses.Add(new(fact, $"the record has: {(atPath.Count == 0 ? "nothing" : string.Join(" | ", atPath.Take(3)))}"));
            }
        }

        return misses;
    }

    private static Regex PathPattern(string path) =>
        new("^" + Regex.Escape(path).Replace(@"\[\*]", @"\[\d+]", StringComparison.Ordinal) + @"[.:\[]", RegexOptions.CultureInvariant);
}

/// <summary>A labelled fact the record does not hold, and what the record has instead.</summary>
internal sealed record RealPageMiss(string Fact, string Detail)
{
    public override string ToString() => $"{Fact}   ({Detail})";
}
