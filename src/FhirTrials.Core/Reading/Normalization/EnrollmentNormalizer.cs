using System.Globalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// Reads enrollment: "32 participants", "Estimated Enrollment : 32", "6 estimated patients", "Actual Enrollment: 120",
/// "1,200 (Actual)". Only count words and kind words may surround the number, so "50 participants in 2 patient
/// groups" is not mistaken for a count line.
/// </summary>
public static class EnrollmentNormalizer
{
    // "Target number of participants: 120" (ISRCTN), "Total: 300", "280 Teilnehmende", "240 participantes".
    private static readonly HashSet<string> CountWords =
    [
        "participants", "participant", "patients", "patient", "subjects", "subject", "people", "persons", "volunteers", "enrollment", "enrolment",
        "sample", "size", "target", "total", "number", "of", "approximately", "about", "around", "ca", "overall",
        "teilnehmer", "teilnehmende", "teilnehmerinnen", "patienten", "patientinnen", "probanden", "personen",
        "sujets", "personnes", "participantes", "pacientes", "sujetos", "personas", "pessoas", "sujeitos",
    ];

    public static bool TryParse(string? text, EnrollmentKind kindFromLabel, out Enrollment? enrollment)
    {
        enrollment = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Thousands separators ("1,200", "1 200") would split the number into two words.
        var key = TextKey.Of(RemoveThousandsSeparators(text));
        int? count = null;
        var kind = kindFromLabel;
        foreach (var word in key.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (count is not null)
                {
                    return false;
                }

                count = number;
            }
            else if (word is "estimated" or "anticipated" or "expected" or "planned" or "target" or "geplant" or "prevu" or "prevus" or "previsto" or "prevista")
            {
                kind = EnrollmentKind.Estimated;
            }
            else if (word is "actual" or "final" or "reached")
            {
                kind = EnrollmentKind.Actual;
            }
            else if (!CountWords.Contains(word))
            {
                return false;
            }
        }

        if (count is null)
        {
            return false;
        }

        enrollment = new Enrollment(count.Value, kind);
        return true;
    }

    private static string RemoveThousandsSeparators(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var isSeparator = text[i] is ',' or '.' or ' ' or '\u00A0' or '\u202F' or '\u2009'
                && i > 0 && char.IsDigit(text[i - 1])
                && HasThreeDigitsAfter(text, i);
            if (!isSeparator)
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    private static bool HasThreeDigitsAfter(string text, int i) =>
        i + 3 < text.Length
        && char.IsDigit(text[i + 1]) && char.IsDigit(text[i + 2]) && char.IsDigit(text[i + 3])
        && (i + 4 == text.Length || !char.IsDigit(text[i + 4]));
}
