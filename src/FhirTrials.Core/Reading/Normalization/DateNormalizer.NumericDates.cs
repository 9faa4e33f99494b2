using System.Globalization;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>All-digit dates ("31/12/2024", "2023-05-31", "02.10.2025") and the day-or-month order a page shows.</summary>
public static partial class DateNormalizer
{
    /// <summary>
    /// The order of a page's slash dates, from the ones only one order can read ("19/06/2023" is day first,
    /// "06/19/2023" month first); null when the page shows none, or both.
    /// </summary>
    public static bool? PageOrder(IEnumerable<string> lines)
    {
        bool dayFirst = false, monthFirst = false;
        foreach (var line in lines)
        {
            if (!line.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            // "dd/mm/yyyy" or "mm/dd/yyyy": the two numbers before the year, read from the match without a Match object.
            foreach (var match in SlashDate().EnumerateMatches(line))
            {
                var date = line.AsSpan(match.Index, match.Length);
                var slash = date.IndexOf('/');
                var rest = date[(slash + 1)..];
                var first = int.Parse(date[..slash], CultureInfo.InvariantCulture);
                var second = int.Parse(rest[..rest.IndexOf('/')], CultureInfo.InvariantCulture);
                dayFirst |= first > 12 && second <= 12;
                monthFirst |= second > 12 && first <= 12;
            }
        }

        return dayFirst == monthFirst ? null : dayFirst;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\d)(\d{1,2})/(\d{1,2})/\d{4}(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex SlashDate();

    // "02/05/2022 (dd/mm/aaaa)" (ReBEC), "(jj/mm/aaaa)", "(TT.MM.JJJJ)": the page says its order; "(mm/dd/yyyy)" too.
    private static bool? DayFirstHint(string text)
    {
        var key = TextKey.Of(text);
        if (key.Contains("dd mm", StringComparison.Ordinal) || key.Contains("jj mm", StringComparison.Ordinal) || key.Contains("tt mm", StringComparison.Ordinal))
        {
            return true;
        }

        return key.Contains("mm dd", StringComparison.Ordinal) ? false : null;
    }

    private static bool TryNumeric(string token, bool? dayFirst, out int year, out int? month, out int? day, out string? problem)
    {
        year = 0;
        month = null;
        day = null;
        problem = null;
        var parts = token.Split('-', '/', '.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length > 0 && TryNumber(p, out _)))
        {
            problem = $"'{token}' is not a date format we read";
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts[0].Length == 4)
        {
            // ISO order: year-month(-day).
            year = numbers[0];
            month = numbers[1];
            day = numbers.Length == 3 ? numbers[2] : null;
            return true;
        }

        // A dotted date is day.month.year wherever it is written (German, Swiss, Austrian, Nordic pages).
        if (numbers.Length == 3 && parts[2].Length == 4 && token.Contains('.', StringComparison.Ordinal))
        {
            (day, month, year) = (numbers[0], numbers[1], numbers[2]);
            return true;
        }

        if (numbers.Length == 2 && parts[1].Length == 4)
        {
            (month, year) = (numbers[0], numbers[1]);
            return true;
        }

        if (numbers.Length != 3 || parts[2].Length != 4)
        {
            problem = $"'{token}' is not a date format we read";
            return false;
        }

        year = numbers[2];
        if (dayFirst is { } hint)
        {
            (day, month) = hint ? (numbers[0], numbers[1]) : (numbers[1], numbers[0]);
        }
        else if (numbers[0] > 12 && numbers[1] <= 12)
        {
            (day, month) = (numbers[0], numbers[1]);
        }
        else if (numbers[1] > 12 && numbers[0] <= 12)
        {
            (month, day) = (numbers[0], numbers[1]);
        }
        else if (numbers[0] == numbers[1])
        {
            (day, month) = (numbers[0], numbers[1]);
        }
        else
        {
            problem = $"'{token}' could be day/month or month/day: the order is ambiguous";
            return false;
        }

        return true;
    }

    private static bool IsCompleteNumeric(string token) =>
        token.Split('-', '/', '.') is { Length: 3 } parts && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
}
