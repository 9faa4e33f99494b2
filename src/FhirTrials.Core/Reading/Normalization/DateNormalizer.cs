using System.Collections.Frozen;
using System.Globalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// Reads the dates trial pages print: "September 2, 2021", "Sep 2, 2021", "2 September 2021", "October 2023",
/// "2023-05-31", "2023-05", "2023/05/31", "31/12/2024", "02.10.2025" (dotted: day first), "2019 Year 04 Month 01 Day"
/// (UMIN), month names in English, German, French, Spanish and Portuguese ("1 de enero de 2024"). A numeric date
/// whose day and month could be swapped ("05/06/2024") is refused rather than guessed. Words after the date that hold no digit
/// (page furniture such as "Key Record Dates") are ignored; "(Actual)"/"(Estimated)" set the kind.
/// </summary>
public static partial class DateNormalizer
{
    // Connectors inside a date: "1 de enero de 2024", "15 de março de 2022".
    private static readonly HashSet<string> Connectors = ["de", "del", "do", "da", "of"];

    // UMIN-CTR prints "2019 Year 04 Month 01 Day".
    [System.Text.RegularExpressions.GeneratedRegex(@"(\d{4})\s*Year\s*(\d{1,2})\s*Month\s*(\d{1,2})\s*Day", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex YearMonthDay();

    private static readonly FrozenDictionary<string, int> Months = BuildMonths();

    public static bool TryParse(string? text, out TrialDate? date) => TryParse(text, DateKind.Unspecified, out date, out _);

    /// <param name="kind">The kind the label gave (e.g. "Actual Study Start Date"); words in the text override it.</param>
    /// <param name="problem">Why the text is not a date, in words for ops, when parsing fails.</param>
    public static bool TryParse(string? text, DateKind kind, out TrialDate? date, out string? problem) =>
        TryParse(text, kind, null, out date, out problem);

    /// <param name="pageDayFirst">The order the page's other dates show (a page that prints 19/06/2023 writes day
    /// first everywhere); a hint in the text itself wins.</param>
    public static bool TryParse(string? text, DateKind kind, bool? pageDayFirst, out TrialDate? date, out string? problem)
    {
        date = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "no date given";
            return false;
        }

        var tokens = Tokenize(YearMonthDay().Replace(text, "$1-$2-$3"));
        var textKind = KindFromWords(text);
        if (textKind != DateKind.Unspecified)
        {
            kind = textKind;
        }

        if (!TryReadTokens(tokens, DayFirstHint(text) ?? pageDayFirst, out var year, out var month, out var day, out problem))
        {
            return false;
        }

        if (month is { } m && day is { } d && (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(year, m)))
        {
            problem = $"'{text.Trim()}' is not a valid calendar date";
            return false;
        }

        if (month is < 1 or > 12 || year is < 1800 or > 2200)
        {
            problem = $"'{text.Trim()}' is not a valid date";
            return false;
        }

        date = new TrialDate(year, month, day, kind);
        return true;
    }

    /// <summary>Estimated or actual as a label or value words it ("Estimated", "Anticipated", "Expected", "Actual").</summary>
    public static DateKind KindFromWords(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DateKind.Unspecified;
        }

        foreach (var word in TextKey.Of(text).Split(' '))
        {
            switch (word)
            {
                case "actual" or "tatsachlich" or "tatsachlicher" or "tatsachliche" or "tatsachliches" or "reel" or "reelle" or "real":
                    return DateKind.Actual;
                case "estimated" or "anticipated" or "expected" or "planned" or "target" or "geplant" or "geplanter" or "geplante" or "geplantes"
                    or "voraussichtlich" or "voraussichtlicher" or "voraussichtliche" or "voraussichtliches" or "prevu" or "prevue" or "prevus"
                    or "estimado" or "estimada" or "previsto" or "prevista":
                    return DateKind.Estimated;
            }
        }

        return DateKind.Unspecified;
    }

    private static bool TryReadTokens(List<string> tokens, bool? dayFirst, out int year, out int? month, out int? day, out string? problem)
    {
        year = 0;
        month = null;
        day = null;
        problem = null;

        // Drop the kind words and trailing furniture: only the leading run of date-like tokens counts.
        var useful = new List<string>(3);
        foreach (var token in tokens)
        {
            if (char.IsDigit(token[0]) || Months.ContainsKey(TextKey.Of(token)))
            {
                // "2023-05-21, 1402/02/31" (IRCT): a complete date is followed by the same day in another calendar.
                if (useful.Count == 1 && IsCompleteNumeric(useful[0]))
                {
                    break;
                }

                useful.Add(token);
            }
            else if (useful.Count > 0 && Connectors.Contains(TextKey.Of(token)))
            {
                continue;
            }
            else if (useful.Count > 0)
            {
                break;
            }
            else if (!IsKindWord(token))
            {
                problem = $"'{token}' is not part of a date";
                return false;
            }
        }

        switch (useful.Count)
        {
            case 1 when useful[0].Contains('-', StringComparison.Ordinal) || useful[0].Contains('/', StringComparison.Ordinal) || useful[0].Contains('.', StringComparison.Ordinal):
                return TryNumeric(useful[0], dayFirst, out year, out month, out day, out problem);
            case 1 when TryNumber(useful[0], out var onlyYear) && useful[0].Length == 4:
                year = onlyYear;
                return true;
            case 2 when TryMonth(useful[0], out var m1) && TryNumber(useful[1], out var y1) && useful[1].Length == 4:
                (year, month) = (y1, m1);
                return true;
            case 3 when TryMonth(useful[0], out var m2) && TryDay(useful[1], out var d2) && TryNumber(useful[2], out var y2):
                (year, month, day) = (y2, m2, d2);
                return true;
            case 3 when TryDay(useful[0], out var d3) && TryMonth(useful[1], out var m3) && TryNumber(useful[2], out var y3):
                (year, month, day) = (y3, m3, d3);
                return true;
            case 0:
                problem = "no date found";
                return false;
            default:
                problem = $"'{string.Join(' ', useful)}' is not a date format we read";
                return false;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var raw in text.Split([' ', ',', '\t', '(', ')', '[', ']'], StringSplitOptions.RemoveEmptyEntries))
        {
            tokens.Add(raw.TrimEnd('.', ';', ':'));
        }

        tokens.RemoveAll(t => t.Length == 0);
        return tokens;
    }

    private static bool IsKindWord(string token) => KindFromWords(token) != DateKind.Unspecified
        || TextKey.Of(token) is "date" or "on" or "le" or "the";

    private static bool TryMonth(string token, out int month) => Months.TryGetValue(TextKey.Of(token), out month);

    private static bool TryDay(string token, out int day)
    {
        // Ordinals: "2nd", "1st", French "1er".
        var digits = token.TrimEnd('s', 't', 'n', 'd', 'r', 'h', 'e');
        return TryNumber(digits, out day) && day is >= 1 and <= 31;
    }

    private static bool TryNumber(string token, out int value) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static FrozenDictionary<string, int> BuildMonths()
    {
        string[][] names =
        [
            ["january", "jan", "janvier", "janv", "januar", "janner", "enero", "ene", "janeiro"],
            ["february", "feb", "fevrier", "fevr", "fev", "februar", "febrero", "fevereiro"],
            ["march", "mar", "mars", "marz", "maerz", "marzo", "marco"],
            ["april", "apr", "avril", "avr", "abril", "abr"],
            ["may", "mai", "mayo", "maio"],
            ["june", "jun", "juin", "juni", "junio", "junho"],
            ["july", "jul", "juillet", "juil", "juli", "julio", "julho"],
            ["august", "aug", "aout", "agosto"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro"],
            ["october", "oct", "octobre", "oktober", "okt", "octubre", "outubro"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            ["december", "dec", "decembre", "dezember", "dez", "diciembre", "dic", "dezembro"],
        ];
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[name] = i + 1;
            }
        }

        return months.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
