using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>A label found on a line: the field it introduces and the estimated/actual word it carried, if any.</summary>
internal readonly record struct LabelMatch(PageField Field, string Qualifier);

/// <summary>
/// Field labels and their synonyms across registries and aggregators. This is data, not code paths: a site whose
/// labels are listed here is read without code changes. Labels are compared by <see cref="TextKey"/>, after a
/// leading "Actual"/"Estimated"/"Anticipated" word is set aside as the value's qualifier.
/// </summary>
internal static class LabelDictionary
{
    private static readonly FrozenDictionary<string, PageField> Labels = Build(
        (PageField.NctId, ["ClinicalTrials.gov Identifier", "ClinicalTrials.gov ID", "NCT ID", "NCT Number", "NCT", "Study ID", "Trial ID", "Numéro NCT"]),
        (PageField.Identifiers, ["Identifiers", "Identifier", "Trial identifiers", "Study identifiers", "Registration number", "Registry number", "Identifiants", "Numéros d'enregistrement"]),
        (PageField.OtherIdentifiers, ["Other Study ID Numbers", "Other Identifiers", "Secondary IDs", "Secondary Identifiers", "Other IDs", "Secondary ID", "Protocol number", "Protocol ID", "Sponsor protocol number", "EudraCT Number", "EU CT number", "Grant number"]),
        (PageField.BriefTitle, ["Brief Title", "Title", "Short title", "Public title", "Scientific title short", "Titre", "Titre public"]),
        (PageField.OfficialTitle, ["Official Title", "Scientific Title", "Full title", "Full Title of the trial", "Titre officiel", "Titre scientifique"]),
        (PageField.Acronym, ["Acronym", "Study acronym"]),
        (PageField.Status, ["Recruitment Status", "Status", "Overall Status", "Trial status", "Study status", "Recruitment", "Statut", "Statut du recrutement", "État du recrutement"]),
        (PageField.StatusAndPhase, ["Status and phase", "Status & phase"]),
        (PageField.Phase, ["Phase", "Phases", "Study Phase", "Trial phase", "Phase of the trial", "Phase de l'essai"]),
        (PageField.StudyType, ["Study Type", "Type of study", "Trial type", "Study design type", "Type d'étude"]),
        (PageField.StudyDesign, ["Study Design", "Design"]),
        (PageField.Allocation, ["Allocation"]),
        (PageField.InterventionModel, ["Intervention Model", "Interventional model", "Interventional Study Model", "Model"]),
        (PageField.Masking, ["Masking", "Blinding", "Masking/Blinding"]),
        (PageField.PrimaryPurpose, ["Primary Purpose", "Purpose"]),
        (PageField.Enrollment, ["Enrollment", "Enrolment", "Sample size", "Number of participants", "Participants", "Nombre de participants", "Effectif"]),
        (PageField.StartDate, ["Study Start Date", "Study Start", "Start Date", "Date of first enrolment", "Recruitment start date", "Date de début", "Début de l'étude"]),
        (PageField.PrimaryCompletionDate, ["Primary Completion Date", "Primary Completion"]),
        (PageField.CompletionDate, ["Study Completion Date", "Completion Date", "Study Completion", "End date", "Trial end date", "Date de fin"]),
        (PageField.FirstSubmitted, ["First Submitted", "First Submitted Date", "Date of registration", "Registration date", "Date registered"]),
        (PageField.FirstPosted, ["First Posted", "First Posted Date", "First Received"]),
        (PageField.LastUpdatePosted, ["Last Update Posted", "Last Updated", "Last Update", "Last Update Posted Date", "Last modified"]),
        (PageField.LastVerified, ["Last Verified", "Record Verification Date"]),
        (PageField.BriefSummary, ["Brief Summary", "Summary", "About", "Overview", "Purpose of the study", "Lay summary", "Plain language summary", "Résumé"]),
        (PageField.DetailedDescription, ["Detailed Description", "Description", "Study description", "Scientific summary", "Description détaillée"]),
        (PageField.Conditions, ["Conditions", "Condition", "Condition or disease", "Health condition(s) or problem(s) studied", "Health conditions", "Diseases", "Disease", "Medical condition", "Conditions studied", "Pathologie", "Pathologies", "Maladie étudiée"]),
        (PageField.Keywords, ["Keywords", "Keywords provided by", "Key words"]),
        (PageField.Interventions, ["Interventions", "Intervention", "Treatments", "Intervention/treatment", "Intervention(s)", "Study treatments", "Investigational product"]),
        (PageField.ArmGroups, ["Study Groups", "Arms", "Arm Groups", "Study Arms", "Groups", "Cohorts", "Arms and Interventions", "Participant groups"]),
        (PageField.ArmsTable, ["Arm", "Arm/Group", "Arm or group", "Participant Group/Arm"]),
        (PageField.PrimaryOutcomes, ["Primary Outcome Measures", "Primary Outcome", "Primary Outcomes", "Primary endpoint", "Primary endpoints", "Primary outcome(s)"]),
        (PageField.SecondaryOutcomes, ["Secondary Outcome Measures", "Secondary Outcome", "Secondary Outcomes", "Secondary endpoint", "Secondary endpoints", "Secondary outcome(s)"]),
        (PageField.OtherOutcomes, ["Other Outcome Measures", "Other Outcomes", "Other Pre-specified Outcome Measures"]),
        (PageField.Eligibility, ["Eligibility", "Eligibility Criteria", "Criteria", "Participation requirements", "Who can participate", "Participation Criteria"]),
        (PageField.Inclusion, ["Inclusion Criteria", "Inclusion", "Key Inclusion Criteria", "Key inclusion criteria", "Critères d'inclusion"]),
        (PageField.Exclusion, ["Exclusion Criteria", "Exclusion", "Key Exclusion Criteria", "Critères de non-inclusion", "Critères d'exclusion"]),
        (PageField.Ages, ["Ages Eligible for Study", "Ages", "Age", "Age range", "Eligible ages", "Age limits", "Ages eligible", "Âge", "Âge des participants"]),
        (PageField.MinimumAge, ["Minimum Age", "Min Age", "Lower age limit"]),
        (PageField.MaximumAge, ["Maximum Age", "Max Age", "Upper age limit"]),
        (PageField.Sex, ["Sexes Eligible for Study", "Sex", "Gender", "Sexes", "Sex/Gender", "Genders eligible", "Sexes eligible", "Sexe"]),
        (PageField.HealthyVolunteers, ["Accepts Healthy Volunteers", "Volunteers", "Healthy Volunteers", "Healthy volunteers accepted", "Volontaires sains"]),
        (PageField.Sponsor, ["Sponsor", "Lead Sponsor", "Primary sponsor", "Sponsored by", "Promoteur"]),
        (PageField.Sponsors, ["Sponsors", "Sponsors and Collaborators", "Sponsor and collaborators", "Funders", "Funding"]),
        (PageField.Collaborators, ["Collaborators", "Collaborator", "Secondary sponsor"]),
        (PageField.FunderType, ["Funder types", "Funder type", "Sponsor type", "Agency class"]),
        (PageField.ResponsibleParty, ["Responsible Party"]),
        (PageField.Officials, ["Principal Investigator", "Principal Investigators", "Principal Investigator(s)", "Investigators", "Study Director", "Study Chair", "Study Officials", "Overall Official", "Scientific contact", "Coordinating investigator"]),
        (PageField.CentralContact, ["Central trial contact", "Central Contacts", "Central Contact", "Contact", "Contacts", "Study Contact", "Public contact", "Contact person", "Contact for public queries"]),
        (PageField.Locations, ["Locations", "Location", "Study Locations", "Sites", "Study sites", "Trial sites", "Recruitment sites", "Countries of recruitment and sites"]),
        (PageField.Countries, ["Countries", "Countries of recruitment", "Country", "Location countries"]),
        (PageField.References, ["References", "Publications", "Citations", "Publications automatically indexed", "More Information"]),
        (PageField.IpdPlan, ["Plan to Share IPD", "IPD sharing plan", "Plan to share individual participant data", "Individual participant data sharing"]),
        (PageField.IpdDescription, ["Plan Description", "IPD sharing description", "IPD Sharing Statement description"]),
        (PageField.IpdInfoTypes, ["Supporting Materials", "IPD Sharing Info Type", "Supporting information"]),
        (PageField.IpdTimeFrame, ["Time Frame", "IPD Sharing Time Frame"]),
        (PageField.IpdAccessCriteria, ["Access Criteria", "IPD Sharing Access Criteria"]),
        (PageField.IpdUrl, ["URL", "IPD Sharing URL"]),
        (PageField.FdaDrug, ["Studies a U.S. FDA-regulated Drug Product", "FDA regulated drug"]),
        (PageField.FdaDevice, ["Studies a U.S. FDA-regulated Device Product", "FDA regulated device"]),
        (PageField.SourceUrl, ["Source URL", "Page URL", "Study URL", "Trial URL", "Link"]),
        (PageField.ValueBlock, ["Basic Information", "Study details", "Key information", "At a glance", "Trial summary", "Quick facts"]),
        (PageField.OtherTrials, ["Related Clinical Trials", "More Related Trials", "Related Trials", "Similar trials", "Similar studies", "Other trials you may like", "Recommended trials"]),
        (PageField.Ignored, [
            "Details and patient eligibility", "Trial design", "Trial contacts and locations", "Study Results", "Facility Contacts",
            "Individual Participant Data (IPD) Sharing Statement", "Key Record Dates", "Study Details", "Tabular View",
            "Contacts and Locations", "Sponsors and Investigators", "Study Documents", "Eligibility Information", "Study Plan",
            "Arms and Interventions", "Outcome Measures", "Collaborators and Investigators", "More information", "Disclaimer", "Study Overview",
            "Study Record Dates", "Study Record Versions", "Resource links provided by the National Library of Medicine"]));

    private static readonly string[] Qualifiers = ["actual", "estimated", "anticipated", "expected", "planned", "target"];

    public static bool TryMatch(ReadOnlySpan<char> label, out LabelMatch match)
    {
        match = default;
        if (label.Length is 0 or > 80)
        {
            return false;
        }

        var key = TextKey.Of(label);
        if (Labels.TryGetValue(key, out var field))
        {
            match = new LabelMatch(field, string.Empty);
            return true;
        }

        foreach (var qualifier in Qualifiers)
        {
            if (key.StartsWith(qualifier + " ", StringComparison.Ordinal) && Labels.TryGetValue(key[(qualifier.Length + 1)..], out field))
            {
                match = new LabelMatch(field, qualifier);
                return true;
            }
        }

        // "Study Start (Actual)", "Enrollment (Estimated)": CT.gov's current pages put the qualifier after the label.
        foreach (var qualifier in Qualifiers)
        {
            if (key.EndsWith(" " + qualifier, StringComparison.Ordinal) && Labels.TryGetValue(key[..^(qualifier.Length + 1)], out field))
            {
                match = new LabelMatch(field, qualifier);
                return true;
            }
        }

        // "Keywords provided by Assistance Publique": the label runs on into its value.
        if (key.StartsWith("keywords provided by ", StringComparison.Ordinal))
        {
            match = new LabelMatch(PageField.Keywords, string.Empty);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A label run into its value with no separator ("Status Recruiting", "Sex All"), as HTML pages give when label
    /// and value are adjacent inline elements: the longest label the line starts with, and the rest.
    /// </summary>
    public static bool TryMatchPrefix(string text, out LabelMatch match, out string value)
    {
        match = default;
        value = string.Empty;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var count = Math.Min(6, words.Length - 1); count >= 1; count--)
        {
            if (TryMatch(string.Join(' ', words, 0, count), out match))
            {
                value = string.Join(' ', words, count, words.Length - count);
                return true;
            }
        }

        return false;
    }

    private static FrozenDictionary<string, PageField> Build(params (PageField Field, string[] Labels)[] entries)
    {
        var labels = new Dictionary<string, PageField>(StringComparer.Ordinal);
        foreach (var (field, synonyms) in entries)
        {
            foreach (var synonym in synonyms)
            {
                labels.TryAdd(TextKey.Of(synonym), field);
            }
        }

        return labels.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
