using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// R5 ResearchStudy facts that R4 has no element for, carried with the standard cross-version extensions
/// (<c>http://hl7.org/fhir/5.0/StructureDefinition/extension-ResearchStudy.&lt;element&gt;</c>). As in the published
/// xver-r5.r4 package, a backbone element is one complex extension whose sub-extensions are named after the R5 child
/// elements (relative urls: <c>targetNumber</c>, <c>state</c>, ...).
/// </summary>
/// <remarks>
/// R5 has no per-site recruitment status (R5 <c>site</c> is a bare reference). Locations are shared between trials, so
/// the status cannot live on the Location either: it is written as a <see cref="ProgressStatus"/> extension on the
/// ResearchStudy.site reference it belongs to, the R5 element that says "state of the study, actual or not".
/// </remarks>
public static class R5Extensions
{
    public const string Base = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ResearchStudy.";
    public const string RecruitmentUrl = Base + "recruitment";
    public const string ProgressStatusUrl = Base + "progressStatus";
    public const string AssociatedPartyUrl = Base + "associatedParty";
    public const string OutcomeMeasureUrl = Base + "outcomeMeasure";
    public const string LabelUrl = Base + "label";

    /// <summary>R5 recruitment.targetNumber / actualNumber (unsignedInt).</summary>
    public static Extension Recruitment(int? targetNumber, int? actualNumber)
    {
        var extension = new Extension { Url = RecruitmentUrl };
        if (targetNumber is { } target)
        {
            extension.Extension.Add(new Extension("targetNumber", new UnsignedInt(target)));
        }

        if (actualNumber is { } actual)
        {
            extension.Extension.Add(new Extension("actualNumber", new UnsignedInt(actual)));
        }

        return extension;
    }

    /// <summary>R5 progressStatus: a state, whether it is actual (true) or anticipated (false), and when.</summary>
    public static Extension ProgressStatus(CodeableConcept state, bool? actual, Period? period)
    {
        var extension = new Extension { Url = ProgressStatusUrl };
        extension.Extension.Add(new Extension("state", state));
        if (actual is { } isActual)
        {
            extension.Extension.Add(new Extension("actual", new FhirBoolean(isActual)));
        }

        if (period is not null)
        {
            extension.Extension.Add(new Extension("period", period));
        }

        return extension;
    }

    /// <summary>R5 associatedParty: name, role (1..1), classifiers and the party itself.</summary>
    public static Extension AssociatedParty(string? name, CodeableConcept role, IEnumerable<CodeableConcept> classifiers, ResourceReference? party)
    {
        var extension = new Extension { Url = AssociatedPartyUrl };
        if (!string.IsNullOrWhiteSpace(name))
        {
            extension.Extension.Add(new Extension("name", new FhirString(name)));
        }

        extension.Extension.Add(new Extension("role", role));
        foreach (var classifier in classifiers)
        {
            extension.Extension.Add(new Extension("classifier", classifier));
        }

        if (party is not null)
        {
            extension.Extension.Add(new Extension("party", party));
        }

        return extension;
    }

    /// <summary>R5 outcomeMeasure: name, type (primary/secondary/exploratory) and description (markdown). R5 has no
    /// time frame element, so the time frame is part of the description (and the protocol goal's target).</summary>
    public static Extension OutcomeMeasure(string name, CodeableConcept? type, string? description)
    {
        var extension = new Extension { Url = OutcomeMeasureUrl };
        extension.Extension.Add(new Extension("name", new FhirString(name)));
        if (type is not null)
        {
            extension.Extension.Add(new Extension("type", type));
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            extension.Extension.Add(new Extension("description", new Markdown(description)));
        }

        return extension;
    }

    /// <summary>R5 label: an additional title (brief title, acronym) with its title-type.</summary>
    public static Extension Label(CodeableConcept type, string value)
    {
        var extension = new Extension { Url = LabelUrl };
        extension.Extension.Add(new Extension("type", type));
        extension.Extension.Add(new Extension("value", new FhirString(value)));
        return extension;
    }
}
