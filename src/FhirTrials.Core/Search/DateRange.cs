using System.Globalization;
using System.Text.RegularExpressions;

namespace FhirTrials.Core.Search;

/// <summary>
/// The instant range a FHIR date, dateTime, instant or Period covers, in UTC: "2024" is the whole year, "2024-03" the
/// whole month. Values without a time zone are read as UTC. <see cref="Format"/> gives the index's sortable form.
/// </summary>
public readonly partial record struct DateRange(DateTimeOffset Low, DateTimeOffset High)
{
    public static readonly DateTimeOffset Earliest = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1);

    public string LowKey => Format(Low);

    public string HighKey => Format(High);

    /// <summary>"yyyy-MM-ddTHH:mm:ss" in UTC, then the fraction of a second without trailing zeros when there is one:
    /// ordinal order of these strings is time order.</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0
            ? text
            : text + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>Parses a FHIR date/dateTime/instant literal (partial dates allowed); false for anything else.</summary>
    public static bool TryParse(string? text, out DateRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        var match = FhirDatePattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            var year = Number(match, "year");
            if (year < 1)
            {
                return false;
            }

            var month = match.Groups["month"].Success ? Number(match, "month") : 0;
            var day = match.Groups["day"].Success ? Number(match, "day") : 0;
            if (month == 0)
            {
                var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                return Build(start, start.AddYears(1), out range);
            }

            if (day == 0)
            {
                var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
                return Build(start, start.AddMonths(1), out range);
            }

            var offset = Offset(match);
            if (!match.Groups["hour"].Success)
            {
                var start = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
                return Build(start, start.AddDays(1), out range);
            }

            var hour = Number(match, "hour");
            var minute = Number(match, "minute");
            if (!match.Groups["second"].Success)
            {
                var start = new DateTimeOffset(year, month, day, hour, minute, 0, offset);
                return Build(start, start.AddMinutes(1), out range);
            }

            var second = Number(match, "second");
            var whole = new DateTimeOffset(year, month, day, hour, minute, second, offset);
            if (!match.Groups["fraction"].Success)
            {
                return Build(whole, whole.AddSeconds(1), out range);
            }

            var digits = match.Groups["fraction"].Value;
            var precision = Math.Min(digits.Length, 7);
            var ticks = long.Parse(digits[..precision].PadRight(7, '0'), CultureInfo.InvariantCulture);
            var step = (long)Math.Pow(10, 7 - precision);
            return Build(whole.AddTicks(ticks), whole.AddTicks(ticks + step), out range);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool Build(DateTimeOffset start, DateTimeOffset endExclusive, out DateRange range)
    {
        range = new DateRange(start.ToUniversalTime(), endExclusive.ToUniversalTime().AddTicks(-1));
        return true;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static TimeSpan Offset(Match match)
    {
        var zone = match.Groups["zone"].Value;
        if (zone.Length == 0 || zone == "Z")
        {
            return TimeSpan.Zero;
        }

        var sign = zone[0] == '-' ? -1 : 1;
        var hours = int.Parse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var minutes = int.Parse(zone.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(match), "time zone offset out of range");
        }

        return sign * new TimeSpan(hours, minutes, 0);
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<month>\d{2})(-(?<day>\d{2})(T(?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(\.(?<fraction>\d{1,9}))?)?(?<zone>Z|[+-]\d{2}:\d{2})?)?)?)?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex FhirDatePattern();
}
