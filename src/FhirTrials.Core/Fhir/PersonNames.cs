using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Splits a person's name as registries write it ("Philippe Menasché, MD, PhD", "Dr. Jane Doe") into a HumanName:
/// titles to prefix, degrees to suffix, the last remaining word as family name. The written form stays in text.
/// </summary>
internal static class PersonNames
{
    private static HashSet<string> Degrees { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "MD", "PhD", "MSc", "MS", "BS", "BSc", "MBBS", "DO", "RN", "PharmD", "MPH", "MBA", "FRCP", "FRCPC", "DDS", "DMD",
        "MA", "BA", "PA", "NP", "CRNP", "BSN", "MSN", "DrPH", "ScD", "FACC", "FACS", "FESC", "MRCP", "DPhil", "MB",
        "BCh", "ChB", "BAO", "MCh", "HDR", "PA-C", "APRN", "CCRP", "CCRC", "MHS", "MMed", "FRACP", "DSc", "MRes", "Jr", "Sr",
    };

    private static HashSet<string> Titles { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "Dr", "Prof", "Professor", "Pr", "Mr", "Mrs", "Ms", "Miss", "Doctor",
    };

    public static HumanName Parse(string written)
    {
        var name = new HumanName { Text = written.Trim() };
        var words = new List<string>();
        var parts = written.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // "Doe, Jane" puts the family name first; "Jane Doe, Professor" or "Jane Doe, MD" puts a whole name first,
        // and what follows the comma (degrees, titles, job words) is a suffix.
        var familyFirst = parts.Length > 1 && parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 1
            && parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => !IsDegree(w) && !IsTitle(w));
        for (var p = 0; p < parts.Length; p++)
        {
            foreach (var word in parts[p].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (IsTitle(word) && (words.Count == 0 || (p > 0 && !familyFirst)))
                {
                    name.PrefixElement.Add(new FhirString(word));
                }
                else if (IsDegree(word) && (p > 0 || words.Count > 0))
                {
                    name.SuffixElement.Add(new FhirString(word));
                }
                else if (p == 0)
                {
                    words.Add(word);
                }
                else if (familyFirst && p == 1)
                {
                    words.Insert(words.Count - 1, word);
                }
                else
                {
                    name.SuffixElement.Add(new FhirString(word));
                }
            }
        }

        if (words.Count > 0)
        {
            name.Family = words[^1];
            name.GivenElement.AddRange(words[..^1].Select(w => new FhirString(w)));
        }

        return name;
    }

    private static bool IsDegree(string word) => Degrees.Contains(word.Replace(".", "", StringComparison.Ordinal));

    private static bool IsTitle(string word) => Titles.Contains(word.Replace(".", "", StringComparison.Ordinal));

    /// <summary>The person's identity for ids: given and family names, without titles or degrees.</summary>
    public static string Identity(string written)
    {
        var name = Parse(written);
        var core = string.Join(' ', name.Given.Append(name.Family).Where(s => !string.IsNullOrEmpty(s)));
        return core.Length > 0 ? core : written;
    }
}
