using System.CommandLine;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials extract &lt;file&gt;...</c>: reads each document and prints the trial records of all of them as
/// one JSON array (provenance and warnings included). A document that is missing or not a trial is reported on
/// stderr and makes the exit code <see cref="ExitCodes.DocumentRefused"/>; the others are still printed.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("file")
        {
            Description = "Trial documents: ClinicalTrials.gov JSON or XML, EU CTR text export, or a trial page saved as text, HTML or markdown.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("extract", "Print the trial records read from each document as one JSON array on stdout (provenance and warnings included); a summary line per file, with its warnings, on stderr.")
        {
            files,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(files)!, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> files, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var exitCode = ExitCodes.Success;
        var printed = 0;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"{file}: no such file.").ConfigureAwait(false);
                exitCode = ExitCodes.DocumentRefused;
                continue;
            }

            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                var document = await TrialDocumentReader.ReadAsync(stream, Path.GetFileName(file), stream.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using (document.ConfigureAwait(false))
                {
                    // Records are written as they arrive, so a page of thousands never sits in memory.
                    var recordWarnings = 0;
                    await foreach (var record in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
                    {
                        recordWarnings += record.Warnings.Count;
                        await output.WriteLineAsync(printed++ == 0 ? "[" : ",").ConfigureAwait(false);
                        await output.WriteAsync(Indent(TrialRecordJson.Serialize(record))).ConfigureAwait(false);
                    }

                    exitCode = Math.Max(exitCode, await ReportAsync(file, document, recordWarnings, error).ConfigureAwait(false));
                }
            }
        }

        await output.WriteLineAsync(printed == 0 ? "[]" : "\n]").ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<int> ReportAsync(string file, StreamedDocument document, int recordWarnings, TextWriter error)
    {
        if (document.IsRejected)
        {
            await error.WriteLineAsync($"{file}: not a trial document. {document.RejectionReason}").ConfigureAwait(false);
            return ExitCodes.DocumentRefused;
        }

        foreach (var warning in document.Warnings)
        {
            await error.WriteLineAsync($"{file}: warning: {warning.Message}").ConfigureAwait(false);
        }

        // The records' own warnings (fields guessed, values dropped) are in the JSON; the summary says how many to look for.
        var warnings = recordWarnings == 0 ? "no warnings" : $"{recordWarnings} warning(s) in the records' \"warnings\"";
        await error.WriteLineAsync($"{file}: {document.RecordCount} record(s), {document.Format}, layout {document.Layout}, {warnings}.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Indent(string json) => "  " + json.Replace("\n", "\n  ", StringComparison.Ordinal);
}
