using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Resources of one or more trials as a Bundle of type collection. A sponsor, person or site shared by several trials
/// has one id, so it is one entry (the first one met); fullUrl = base + Type/id, so relative references resolve.
/// </summary>
public static class CollectionBundle
{
    /// <summary>Base of the entries' fullUrl when the caller gives none (example.org is reserved, never real).</summary>
    public static readonly Uri DefaultBaseUrl = new("https://fhirtrials.example.org/fhir/");

    public static Bundle Of(IEnumerable<TrialResources> trials, Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var root = baseUrl ?? DefaultBaseUrl;
        if (!root.AbsoluteUri.EndsWith('/'))
        {
            root = new Uri(root.AbsoluteUri + "/");
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in trials.SelectMany(t => t.All()))
        {
            var relative = resource.TypeName + "/" + resource.Id;
            if (seen.Add(relative))
            {
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = new Uri(root, relative).AbsoluteUri, Resource = resource });
            }
        }

        return bundle;
    }
}
