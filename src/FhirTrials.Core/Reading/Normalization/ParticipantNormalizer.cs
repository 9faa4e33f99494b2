using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>Sex eligible ("All", "ALL", "Both", "Female") and healthy volunteers ("Accepts Healthy Volunteers", "No").</summary>
public static class ParticipantNormalizer
{
    private static readonly Vocabulary<Sex> Sexes = new(
    [
        ("Both", Sex.All),
        ("All sexes", Sex.All),
        ("Male and female", Sex.All),
        ("Female and male", Sex.All),
        ("Men and women", Sex.All),
        ("Women", Sex.Female),
        ("Female only", Sex.Female),
        ("Females", Sex.Female),
        ("Men", Sex.Male),
        ("Male only", Sex.Male),
        ("Males", Sex.Male),
        ("Tous", Sex.All),
        ("Hommes et femmes", Sex.All),
        ("Femmes", Sex.Female),
        ("Hommes", Sex.Male),
    ]);

    private static readonly Vocabulary<YesNo> Volunteers = new(
    [
        ("Yes", YesNo.Yes),
        ("Accepts Healthy Volunteers", YesNo.Yes),
        ("Accepts healthy volunteers: yes", YesNo.Yes),
        ("Healthy volunteers accepted", YesNo.Yes),
        ("Healthy volunteers", YesNo.Yes),
        ("No", YesNo.No),
        ("No Healthy Volunteers", YesNo.No),
        ("Does not accept healthy volunteers", YesNo.No),
        ("Healthy volunteers not accepted", YesNo.No),
        ("Patients only", YesNo.No),
        ("Oui", YesNo.Yes),
        ("Non", YesNo.No),
    ]);

    private enum YesNo
    {
        Yes,
        No,
    }

    public static bool TryParseSex(string? text, out Sex sex) => Sexes.TryMatch(text, out sex);

    public static bool TryParseHealthyVolunteers(string? text, out bool accepts)
    {
        var found = Volunteers.TryMatch(text, out var answer);
        accepts = answer == YesNo.Yes;
        return found;
    }

    /// <summary>Yes/No flags such as "Studies a U.S. FDA-regulated Drug Product: No".</summary>
    public static bool TryParseYesNo(string? text, out bool yes)
    {
        var key = TextKey.Of(text ?? string.Empty);
        yes = key is "yes" or "true" or "y" or "oui";
        return yes || key is "no" or "false" or "n" or "non";
    }
}
