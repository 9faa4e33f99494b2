using System.Globalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <param name="StandardAges">Age groups named by the source in parentheses ("Adult, Older Adult"), as written.</param>
public sealed record AgeRange(Age? Minimum, Age? Maximum, IReadOnlyList<string> StandardAges);

/// <summary>
/// Reads eligible ages: "45 Years to 80 Years (Adult, Older Adult)", "18 to 55 years old", "18+ years old",
/// "18-55 years", "up to 65 years", "65 years and older", "N/A" (no limit), and single ages ("6 Months"); the
/// registries' forms ("18.00 Year(s)", "20 years-old", "18 Years → 75 Years") and German, French, Spanish and
/// Portuguese words ("ab 18 Jahren bis 70 Jahre", "18 ans et plus", "mayores de 18 años", "60 a 99 anos").
/// A unit given once ("18 to 55 years") applies to both ends.
/// </summary>
public static partial class AgeNormalizer
{
    // "No limit" in the registries' words: UMIN "Not applicable", DRKS "no maximum age", CTRI "NA", German "keine".
    private static readonly HashSet<string> NoLimitKeys =
    [
        "n a", "na", "not applicable", "no limit", "none", "no maximum age", "no minimum age", "no age limit", "no upper limit", "no lower limit",
        "no max", "no min", "not stated", "not specified", "no maximum", "no minimum", "kein", "keine", "keine angabe", "keine begrenzung",
        "keine altersbegrenzung", "pas de limite", "aucune", "aucun", "sans limite", "non applicable", "sin limite", "no aplica", "sem limite", "nao se aplica",
    ];

    /// <summary>"No limit", "N/A", "no maximum age", "keine": the page says there is no such age limit.</summary>
    public static bool IsNoLimit(string? text) => text is not null && NoLimitKeys.Contains(TextKey.Of(Prepare(text)));
    private static readonly string[] StandardAgeNames = ["Child", "Adult", "Older Adult"];

    public static bool TryParseAge(string? text, out Age? age)
    {
        age = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = TextKey.Of(Prepare(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 3 || !TryNumber(words[0], out var value))
        {
            return false;
        }

        var unit = AgeUnit.Years;
        if (words.Length >= 2 && !TryUnit(words[1], out unit))
        {
            return false;
        }

        if (words.Length == 3 && words[2] is not ("old" or "of" or "alt"))
        {
            return false;
        }

        age = new Age(value, unit);
        return true;
    }

    public static bool TryParseRange(string? text, out AgeRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var standardAges = new List<string>();
        var body = text;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open > 0)
        {
            var inner = text[(open + 1)..].TrimEnd(')', ' ');
            foreach (var group in inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var known = StandardAgeNames.FirstOrDefault(n => string.Equals(TextKey.Of(n), TextKey.Of(group), StringComparison.Ordinal));
                if (known is null)
                {
                    return false;
                }

                standardAges.Add(known);
            }

            body = text[..open];
        }

        var key = TextKey.Of(Prepare(body).Replace("+", " plus ", StringComparison.Ordinal).Replace("≥", " min ", StringComparison.Ordinal).Replace(">=", " min ", StringComparison.Ordinal));
        if (NoLimitKeys.Contains(key))
        {
            range = new AgeRange(null, null, standardAges);
            return true;
        }

        return TryParseWords(key.Split(' ', StringSplitOptions.RemoveEmptyEntries), standardAges, out range);
    }

    private static bool TryParseWords(string[] words, List<string> standardAges, out AgeRange? range)
    {
        range = null;
        decimal? first = null, second = null;
        AgeUnit? firstUnit = null, secondUnit = null;
        var toMaximum = false;  // "up to 65", "under 18"
        var toMinimum = false;  // "65 and older", "18+", "at least 18"
        foreach (var word in words)
        {
            if (TryNumber(word, out var number))
            {
                if (first is null)
                {
                    first = number;
                }
                else if (second is null)
                {
                    second = number;
                }
                else
                {
                    return false;
                }
            }
            else if (TryUnit(word, out var unit))
            {
                if (second is not null)
                {
                    secondUnit = unit;
                }
                else if (first is not null)
                {
                    firstUnit = unit;
                }
                else
                {
                    return false;
                }
            }
            else if (word is "up" or "under" or "below" or "max" or "maximum" or "jusqu" or "less" or "younger" or "bis" or "unter" or "hasta" or "menores"
                or "ate" or "moins" or "inferieur")
            {
                toMaximum = true;
            }
            else if (word is "plus" or "older" or "over" or "above" or "min" or "minimum" or "least" or "more" or "greater" or "and" or "ab" or "uber" or "mindestens"
                or "desde" or "mayores" or "maiores" or "partir" or "superieur" or "und" or "y" or "e" && second is null)
            {
                toMinimum |= word is not ("and" or "und" or "y" or "e");
            }
            else if (word is not ("to" or "old" or "of" or "age" or "aged" or "between" or "from" or "a" or "et" or "ages" or "than" or "at" or "or" or "and"
                or "des" or "de" or "plus" or "alt" or "alter" or "von" or "zwischen" or "und" or "entre" or "edad" or "idade" or "y" or "e" or "ans" or "ou" or "o"
                or "older" or "mas" or "mais" or "alteren"))
            {
                return false;
            }
        }

        if (first is null)
        {
            return false;
        }

        var unitOfFirst = firstUnit ?? secondUnit ?? AgeUnit.Years;
        if (second is { } max)
        {
            range = new AgeRange(new Age(first.Value, unitOfFirst), new Age(max, secondUnit ?? unitOfFirst), standardAges);
            return true;
        }

        if (toMaximum == toMinimum)
        {
            // A single age with no direction ("18 Years") is not a range.
            return false;
        }

        var age = new Age(first.Value, unitOfFirst);
        range = toMinimum ? new AgeRange(age, null, standardAges) : new AgeRange(null, age, standardAges);
        return true;
    }

    private static bool TryNumber(string word, out decimal value) =>
        decimal.TryParse(word, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value >= 0;

    private static bool TryUnit(string word, out AgeUnit unit)
    {
        unit = word switch
        {
            "year" or "years" or "yr" or "yrs" or "y" or "yo" or "ans" or "an" or "jahr" or "jahre" or "jahren" or "j" or "anos" or "ano" => AgeUnit.Years,
            "month" or "months" or "mo" or "mos" or "mois" or "monat" or "monate" or "monaten" or "meses" or "mes" => AgeUnit.Months,
            "week" or "weeks" or "wk" or "wks" or "semaine" or "semaines" or "woche" or "wochen" or "semana" or "semanas" => AgeUnit.Weeks,
            "day" or "days" or "d" or "jour" or "jours" or "tag" or "tage" or "tagen" or "dia" or "dias" => AgeUnit.Days,
            "hour" or "hours" or "h" or "heures" => AgeUnit.Hours,
            "minute" or "minutes" => AgeUnit.Minutes,
            _ => (AgeUnit)(-1),
        };
        return Enum.IsDefined(unit);
    }

    // "18.00 Year(s)" (CTRI): whole numbers printed with decimals, and a unit with its optional plural.
    private static string Prepare(string text) =>
        TrailingZeros().Replace(text.Replace("(s)", "s", StringComparison.OrdinalIgnoreCase), "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+)[.,]0+(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex TrailingZeros();
}
