namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>
/// The registries that assign trial ids, by the assigner name the readers write on an identifier, with the name the
/// registry gives itself. None of them but ClinicalTrials.gov and CTIS publishes an identifier system URI we could
/// verify (HL7 THO lists a NamingSystem for ISRCTN only in its 2026 CI build), so their ids carry type text and the
/// registry as assigner.
/// </summary>
public static class TrialRegistries
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WHO"] = "World Health Organization (ICTRP)",
        ["ISRCTN"] = "ISRCTN registry",
        ["ANZCTR"] = "Australian New Zealand Clinical Trials Registry (ANZCTR)",
        ["CTRI"] = "Clinical Trials Registry - India (CTRI)",
        ["PACTR"] = "Pan African Clinical Trials Registry (PACTR)",
        ["ChiCTR"] = "Chinese Clinical Trial Registry (ChiCTR)",
        ["ChiMCTR"] = "Chinese Medicine Clinical Trials Registry (ChiMCTR)",
        ["ITMCTR"] = "International Traditional Medicine Clinical Trial Registry (ITMCTR)",
        ["UMIN-CTR"] = "UMIN Clinical Trials Registry (UMIN-CTR)",
        ["jRCT"] = "Japan Registry of Clinical Trials (jRCT)",
        ["JapicCTI"] = "Japan Pharmaceutical Information Center Clinical Trials Information (JapicCTI)",
        ["JMACCT"] = "Japan Medical Association Center for Clinical Trials (JMACCT)",
        ["DRKS"] = "German Clinical Trials Register (DRKS)",
        ["IRCT"] = "Iranian Registry of Clinical Trials (IRCT)",
        ["CRIS"] = "Clinical Research Information Service (CRIS), Republic of Korea",
        ["TCTR"] = "Thai Clinical Trials Registry (TCTR)",
        ["ReBEC"] = "Brazilian Clinical Trials Registry (ReBEC)",
        ["SLCTR"] = "Sri Lanka Clinical Trials Registry (SLCTR)",
        ["LBCTR"] = "Lebanese Clinical Trials Registry (LBCTR)",
        ["LTR"] = "Netherlands Trial Register (LTR)",
        ["REPEC"] = "Peruvian Clinical Trials Registry (REPEC)",
        ["RPCEC"] = "Cuban Public Registry of Clinical Trials (RPCEC)",
        ["HKUCTR"] = "HKU Clinical Trials Registry (HKUCTR)",
        ["EudraCT"] = "EudraCT",
    };

    /// <summary>The registry's own name for an assigner the readers wrote, or the assigner itself.</summary>
    public static string DisplayName(string assigner) => Names.GetValueOrDefault(assigner, assigner);

    public static bool IsKnown(string? assigner) => assigner is not null && Names.ContainsKey(assigner);
}
