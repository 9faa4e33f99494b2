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
        for (var p = 0; p < parts.Length; p++)
        {
            foreach (var word in parts[p].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var bare = word.Replace(".", "", StringComparison.Ordinal);
                if (Titles.Contains(bare) && words.Count == 0)
                {
                    name.PrefixElement.Add(new FhirString(word));
                }
                else if (Degrees.Contains(bare) && (p > 0 || words.Count > 0))
                {
                    name.SuffixElement.Add(new FhirString(word));
                }
                else if (p == 0)
                {
                    words.Add(word);
                }
                else
                {
                    // "Doe, Jane": what follows the comma is not a degree, so the part before it was the family name.
                    words.Insert(0, word);
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

    /// <summary>The person's identity for ids: given and family names, without titles or degrees.</summary>
    public static string Identity(string written)
    {
        var name = Parse(written);
        var core = string.Join(' ', name.Given.Append(name.Family).Where(s => !string.IsNullOrEmpty(s)));
        return core.Length > 0 ? core : written;
    }
}
