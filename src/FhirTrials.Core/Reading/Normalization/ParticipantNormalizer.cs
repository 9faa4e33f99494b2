using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>Sex eligible ("All", "ALL", "Both", "Female", "Männlich und weiblich") and healthy volunteers ("Accepts Healthy Volunteers", "No").</summary>
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
        ("Ja", YesNo.Yes),
        ("Nein", YesNo.No),
        ("Sí", YesNo.Yes),
        ("Sim", YesNo.Yes),
        ("Não", YesNo.No),
    ]);

    private enum YesNo
    {
        Yes,
        No,
    }

    // Words of a sex statement in the five languages: "Both males and females", "Gender: men or women", "Männlich
    // und weiblich", "Hommes et femmes", "Ambos". Any other word makes the text something else.
    private static readonly HashSet<string> MaleWords =
        ["male", "males", "men", "man", "boys", "mannlich", "manner", "maennlich", "homme", "hommes", "masculin", "hombre", "hombres", "varones", "masculino", "homens"];

    private static readonly HashSet<string> FemaleWords =
        ["female", "females", "women", "woman", "girls", "weiblich", "frauen", "femme", "femmes", "feminin", "mujer", "mujeres", "femenino", "mulheres", "feminino"];

    private static readonly HashSet<string> AllWords =
        ["both", "all", "any", "either", "alle", "beide", "beiderlei", "tous", "toutes", "ambos", "ambas", "todos", "todas", "both sexes", "diverse", "divers"];

    private static readonly HashSet<string> SexFillers =
        ["and", "or", "und", "oder", "et", "ou", "y", "o", "e", "sexes", "sex", "genders", "gender", "only", "geschlechter", "sexos", "participants", "inclusive", "nur", "seulement", "solo", "apenas"];

    public static bool TryParseSex(string? text, out Sex sex)
    {
        if (Sexes.TryMatch(text, out sex))
        {
            return true;
        }

        var words = TextKey.Of(text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 8 || !words.All(w => MaleWords.Contains(w) || FemaleWords.Contains(w) || AllWords.Contains(w) || SexFillers.Contains(w)))
        {
            return false;
        }

        var male = words.Any(MaleWords.Contains);
        var female = words.Any(FemaleWords.Contains);
        var all = words.Any(AllWords.Contains);
        if (!male && !female && !all)
        {
            return false;
        }

        sex = all || (male && female) ? Sex.All : male ? Sex.Male : Sex.Female;
        return true;
    }

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
        yes = key is "yes" or "true" or "y" or "oui" or "ja" or "si" or "sim";
        return yes || key is "no" or "false" or "n" or "non" or "nein" or "nao";
    }
}
