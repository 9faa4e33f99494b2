using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials extract &lt;file&gt;...</c>: reads each document and prints the trial records of all of them as
/// one JSON array (provenance and warnings included). A document that is not a trial is reported on stderr and
/// makes the exit code 1; the others are still printed.
/// </summary>
internal static class ExtractCommand
{
    public const string Usage = "usage: fhirtrials extract <file>...";

    public static async Task<int> RunAsync(IReadOnlyList<string> files, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var exitCode = 0;
        var printed = 0;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"{file}: no such file.").ConfigureAwait(false);
                exitCode = 1;
                continue;
            }

            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                var document = await TrialDocumentReader.ReadAsync(stream, Path.GetFileName(file), stream.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using (document.ConfigureAwait(false))
                {
                    // Records are written as they arrive, so a page of thousands never sits in memory.
                    await foreach (var record in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await output.WriteLineAsync(printed++ == 0 ? "[" : ",").ConfigureAwait(false);
                        await output.WriteAsync(Indent(TrialRecordJson.Serialize(record))).ConfigureAwait(false);
                    }

                    exitCode = Math.Max(exitCode, await ReportAsync(file, document, error).ConfigureAwait(false));
                }
            }
        }

        await output.WriteLineAsync(printed == 0 ? "[]" : "\n]").ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<int> ReportAsync(string file, StreamedDocument document, TextWriter error)
    {
        if (document.IsRejected)
        {
            await error.WriteLineAsync($"{file}: not a trial document. {document.RejectionReason}").ConfigureAwait(false);
            return 1;
        }

        foreach (var warning in document.Warnings)
        {
            await error.WriteLineAsync($"{file}: warning: {warning.Message}").ConfigureAwait(false);
        }

        await error.WriteLineAsync($"{file}: {document.RecordCount} record(s), {document.Format}, layout {document.Layout}.").ConfigureAwait(false);
        return 0;
    }

    private static string Indent(string json) => "  " + json.Replace("\n", "\n  ", StringComparison.Ordinal);
}
