using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Azure;
using FhirTrials.Cli.Failures;
using FhirTrials.Cli.Service;
using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials status [--count N] [--outcome O] [--connection CS] [--table-prefix P]</c>: the latest ingestion
/// outcomes, newest first, as a table ops can read without opening storage. With <c>--service URL</c> they come from
/// the running service's <c>api/ingestions</c> instead, with a token (<c>--token</c>, <c>--token-scope</c>) that has
/// the ops role.
/// </summary>
internal static class StatusCommand
{
    public const int DefaultCount = 20;
    private const int ReasonWidth = 80;

    public static Command Create()
    {
        var count = new Option<int>("--count")
        {
            Description = $"How many entries to show, newest first (1-{IngestionLog.MaxTake}).",
            HelpName = "n",
            DefaultValueFactory = _ => DefaultCount,
            CustomParser = ParseCount,
        };
        var outcome = new Option<IngestionOutcome?>("--outcome")
        {
            Description = $"Only entries with this outcome: {string.Join(", ", Enum.GetNames<IngestionOutcome>())} (any case).",
            HelpName = "outcome",
            CustomParser = ParseOutcome,
        };
        outcome.CompletionSources.Add(Enum.GetNames<IngestionOutcome>());
        var storage = new StorageOptions();
        var service = new Option<Uri?>("--service")
        {
            CustomParser = ParseService,
            Description = "Read the log from the running service at this URL (its api/ingestions, which needs the ops role when the service takes tokens) instead of from storage.",
            HelpName = "url",
        };
        var tokens = new ServiceOptions();
        var command = new Command("status", "Show the latest ingestions, newest first: time, blob, outcome, what was written, and the first error or warning.")
        {
            count, outcome, storage.Connection, storage.TablePrefix, service, tokens.Token, tokens.TokenScope,
        };
        command.SetAction((result, cancellationToken) => result.GetValue(service) is { } url
            ? RunAsync(ServiceClient.IngestionsAsync(url, tokens.Load(result), result.GetValue(count), result.GetValue(outcome), cancellationToken), Console.Out)
            : RunAsync(result.GetValue(count), result.GetValue(outcome), storage.Load(result), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int count, IngestionOutcome? outcome, CliSettings settings, TextWriter output, CancellationToken cancellationToken) =>
        await RunAsync(ReadStorageAsync(count, outcome, settings, cancellationToken), output).ConfigureAwait(false);

    private static async Task<IngestionPage> ReadStorageAsync(int count, IngestionOutcome? outcome, CliSettings settings, CancellationToken cancellationToken)
    {
        var storage = CliStorage.Connect(settings);
        try
        {
            return await new IngestionLog(storage).ListAsync(outcome, null, count, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new CliException(ExitCodes.StorageFailed,
                $"no ingestion log for table prefix '{settings.Service.TablePrefix}' at {storage.Ingestions.Uri.GetLeftPart(UriPartial.Authority)}: has the service run against this storage? Start it with 'dotnet run --project src/FhirTrials.Server', or give the prefix it uses (--table-prefix).", e);
        }
        catch (Exception e) when (CliStorage.Describe(e, storage.Ingestions.Uri, settings) is { } failure)
        {
            throw new CliException(failure.ExitCode, "cannot read the ingestion log: " + failure.Message, e);
        }
    }

    private static async Task<int> RunAsync(Task<IngestionPage> read, TextWriter output)
    {
        var page = await read.ConfigureAwait(false);
        if (page.Entries.Count == 0)
        {
            await output.WriteLineAsync("No ingestions yet.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var rows = page.Entries.Select(e => new[]
        {
            e.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.BlobName,
            e.Outcome.ToString(),
            Detail(e),
            Reason(e),
        }).ToList();
        await WriteTableAsync(output, ["TIME (UTC)", "BLOB", "OUTCOME", "WRITTEN", "REASON"], rows).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// What the ingestion of one blob came to, from the counts of its log entry (the same entry api/ingestions serves);
    /// for a large upload split into work items, its progress while it runs and its totals once done.
    /// </summary>
    internal static string Detail(IngestionEntry entry)
    {
        if (entry.Progress is { } progress)
        {
            return Progress(progress);
        }

        if (entry.Archive is { } archive)
        {
            return "archive, " + archive.Describe();
        }

        if (entry.Outcome is IngestionOutcome.Rejected || (entry.TrialCount == 0 && entry.ResourceCount == 0))
        {
            return "";
        }

        var warnings = entry.WarningCount > 0 ? string.Create(CultureInfo.InvariantCulture, $", {entry.WarningCount} warning(s)") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{entry.TrialCount} trial(s), {entry.ResourceCount} resource(s) ({entry.ChangedResourceCount} changed){warnings}");
    }

    /// <summary>A split upload: "items 3/7, 300 of 700 studies (280 ingested, 20 unchanged), 4 rejected, 12 s".</summary>
    internal static string Progress(UploadProgress progress)
    {
        var done = progress.StudiesIngested + progress.StudiesUnchanged;
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"items {progress.ItemsDone}/{progress.ItemsTotal}"),
            string.Create(CultureInfo.InvariantCulture, $"{done} of {progress.Studies} studies ({progress.StudiesIngested} ingested, {progress.StudiesUnchanged} unchanged)"),
        };
        AddCount(parts, progress.StudiesRejected, "rejected");
        AddCount(parts, progress.StudiesFailed, "failed");
        AddCount(parts, progress.ItemsPoisoned, "item(s) poisoned");
        AddCount(parts, progress.EntriesSkipped, "entries skipped");
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{progress.ElapsedSeconds:0} s"));
        return string.Join(", ", parts);
    }

    private static void AddCount(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {what}"));
        }
    }

    private static int ParseCount(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= IngestionLog.MaxTake)
        {
            return count;
        }

        result.AddError($"--count '{text}' must be a whole number from 1 to {IngestionLog.MaxTake}.");
        return DefaultCount;
    }

    private static Uri? ParseService(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        result.AddError($"--service '{text}' must be the service's absolute http(s) URL, e.g. https://fhirtrials.example.org/.");
        return null;
    }

    private static IngestionOutcome? ParseOutcome(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Enum.TryParse<IngestionOutcome>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !text.All(char.IsAsciiDigit))
        {
            return parsed;
        }

        result.AddError($"--outcome '{text}' is not one of {string.Join(", ", Enum.GetNames<IngestionOutcome>())}.");
        return null;
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
