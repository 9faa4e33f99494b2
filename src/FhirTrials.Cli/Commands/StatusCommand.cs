using System.Globalization;
using Azure;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials status [--count N] [--outcome O] [--connection CS] [--table-prefix P]</c>: the latest ingestion
/// outcomes, newest first, as a table ops can read without opening storage.
/// </summary>
internal static class StatusCommand
{
    public const string Usage = "fhirtrials status [--count <1-1000>] [--outcome <outcome>] [--connection <storage connection string>] [--table-prefix <prefix>]";

    private const int ReasonWidth = 80;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, new HashSet<string> { "connection", "table-prefix", "count", "outcome" });
        if (line.Positional.Count > 0 || line.Switches.Count > 0)
        {
            await error.WriteLineAsync("usage: " + Usage).ConfigureAwait(false);
            return 2;
        }

        var count = 20;
        if (line.Flags.TryGetValue("count", out var countText)
            && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > IngestionLog.MaxTake))
        {
            throw new ArgumentException($"--count '{countText}' must be a whole number from 1 to {IngestionLog.MaxTake}.");
        }

        IngestionOutcome? outcome = null;
        if (line.Flags.TryGetValue("outcome", out var outcomeText))
        {
            outcome = Enum.TryParse<IngestionOutcome>(outcomeText, ignoreCase: true, out var parsed) && !outcomeText.All(char.IsAsciiDigit) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ArgumentException($"--outcome '{outcomeText}' is not one of {string.Join(", ", Enum.GetNames<IngestionOutcome>())}.");
        }

        var settings = CliSettings.Load(line.Flags);
        IngestionPage page;
        try
        {
            var log = new IngestionLog(TrialStorage.Connect(settings.StorageConnection, settings.TablePrefix));
            page = await log.ListAsync(outcome, null, count, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await error.WriteLineAsync($"fhirtrials status: no ingestion log for table prefix '{settings.TablePrefix}' (has the service run against this storage?).").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            await error.WriteLineAsync($"fhirtrials status: cannot read the ingestion log: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        if (page.Entries.Count == 0)
        {
            await output.WriteLineAsync("No ingestions yet.").ConfigureAwait(false);
            return 0;
        }

        var rows = page.Entries.Select(e => new[]
        {
            e.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.BlobName,
            e.Outcome.ToString(),
            Reason(e),
        }).ToList();
        await WriteTableAsync(output, ["TIME (UTC)", "BLOB", "OUTCOME", "REASON"], rows).ConfigureAwait(false);
        return 0;
    }

    private static string Reason(IngestionEntry entry)
    {
        var reason = entry.Errors.Count > 0 ? entry.Errors[0] : entry.Warnings.Count > 0 ? entry.Warnings[0] : "";
        reason = reason.ReplaceLineEndings(" ");
        return reason.Length > ReasonWidth ? reason[..(ReasonWidth - 1)] + "…" : reason;
    }

    private static async Task WriteTableAsync(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            // The last column is not padded, so lines carry no trailing spaces.
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd()).ConfigureAwait(false);
        }
    }
}
