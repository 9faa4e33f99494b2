namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Splits a line of terms that lost their separators ("Myositis Myositis, Inclusion Body Muscular Diseases") into
/// terms, by matching known phrases word by word, longest first: the record's own conditions and interventions,
/// and MeSH headings from the public MeSH vocabulary (disease categories CT.gov lists as "Additional relevant MeSH
/// terms"). Words no phrase covers stay together as one term.
/// </summary>
internal static class TermLineSplitter
{
    private static readonly string[] MeshHeadings =
    [
        "Myositis", "Myositis, Inclusion Body", "Muscular Diseases", "Musculoskeletal Diseases", "Neuromuscular Diseases",
        "Nervous System Diseases", "Neurodegenerative Diseases", "Central Nervous System Diseases", "Demyelinating Diseases",
        "Autoimmune Diseases", "Immune System Diseases", "Autoimmune Diseases of the Nervous System", "Multiple Sclerosis",
        "Multiple Sclerosis, Chronic Progressive", "Sclerosis", "Scleroderma, Systemic", "Scleroderma, Diffuse",
        "Connective Tissue Diseases", "Skin Diseases", "Skin and Connective Tissue Diseases", "Cardiomyopathies",
        "Cardiomyopathy, Dilated", "Heart Diseases", "Cardiovascular Diseases", "Heart Failure", "Vascular Diseases",
        "Neoplasms", "Neoplasms by Site", "Carcinoma", "Lymphoma", "Leukemia", "Diabetes Mellitus", "Diabetes Mellitus, Type 1",
        "Diabetes Mellitus, Type 2", "Endocrine System Diseases", "Metabolic Diseases", "Nutritional and Metabolic Diseases",
        "Respiratory Tract Diseases", "Lung Diseases", "Asthma", "Pulmonary Disease, Chronic Obstructive", "Infections",
        "Communicable Diseases", "Virus Diseases", "Bacterial Infections", "Kidney Diseases", "Urologic Diseases",
        "Digestive System Diseases", "Gastrointestinal Diseases", "Liver Diseases", "Crohn Disease", "Inflammatory Bowel Diseases",
        "Arthritis", "Arthritis, Rheumatoid", "Joint Diseases", "Rheumatic Diseases", "Osteoarthritis", "Bone Diseases",
        "Eye Diseases", "Mental Disorders", "Depression", "Depressive Disorder", "Anxiety Disorders", "Stomatognathic Diseases",
        "Mouth Diseases", "Fibrosis", "Pathologic Processes", "Pathological Conditions, Anatomical", "Inflammation",
        "Stroke", "Cerebrovascular Disorders", "Brain Diseases", "Hypertension", "Obesity", "Overweight", "Body Weight",
        "Signs and Symptoms", "Wounds and Injuries", "Pregnancy Complications", "Hematologic Diseases", "Anemia",
    ];

    public static List<string> Split(string line, IEnumerable<string> knownPhrases)
    {
        var phrases = knownPhrases.Concat(MeshHeadings)
            .Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 0)
            .OrderByDescending(p => p.Length)
            .ToList();
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var terms = new List<string>();
        var loose = new List<string>();
        var i = 0;
        while (i < words.Length)
        {
            var match = phrases.FirstOrDefault(p => Matches(words, i, p));
            if (match is null)
            {
                loose.Add(words[i++]);
                continue;
            }

            FlushLoose(terms, loose);
            terms.Add(string.Join(' ', words, i, match.Length));
            i += match.Length;
        }

        FlushLoose(terms, loose);
        return terms;
    }

    private static bool Matches(string[] words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Length)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(words[at + k], phrase[k], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        // Words compare with their punctuation: "Myositis" does not match the "Myositis," of "Myositis, Inclusion Body".
        return true;
    }

    private static void FlushLoose(List<string> terms, List<string> loose)
    {
        if (loose.Count > 0)
        {
            terms.Add(string.Join(' ', loose));
            loose.Clear();
        }
    }
}
