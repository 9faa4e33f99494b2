using System.Globalization;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using Hl7.Fhir.Model;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials convert [--xml] [--recorded &lt;instant&gt;] [--base &lt;url&gt;] &lt;file&gt;...</c>: reads each
/// document, maps every trial in it to FHIR R4 and prints one Bundle (type collection) on stdout. Warnings go to
/// stderr and the exit code is 0. When a document is missing or is not a trial, nothing but an OperationOutcome
/// naming each refused document is printed, and the exit code is 1: a partial Bundle would look complete.
/// </summary>
internal static class ConvertCommand
{
    public const string Usage = "usage: fhirtrials convert [--xml] [--recorded <ISO instant>] [--base <FHIR base URL>] <file>...";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync(problem + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

        var mapping = new MappingOptions(options.Recorded);
        var trials = new List<TrialResources>();
        var refusals = new OperationOutcome();
        foreach (var file in options.Files)
        {
            if (!File.Exists(file))
            {
                refusals.Issue.Add(Issue(OperationOutcome.IssueType.NotFound, file, "no such file."));
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var result = TrialDocumentReader.Read(bytes, Path.GetFileName(file));
            if (result.IsRejected)
            {
                refusals.Issue.Add(Issue(OperationOutcome.IssueType.Invalid, file, "not a trial document. " + result.RejectionReason));
                continue;
            }

            foreach (var warning in result.Warnings)
            {
                await error.WriteLineAsync(Describe(file, warning.Field, warning.Message, warning.Line)).ConfigureAwait(false);
            }

            foreach (var record in result.Records)
            {
                foreach (var warning in record.Warnings)
                {
                    await error.WriteLineAsync(Describe(file, warning.Field, warning.Message, warning.Line)).ConfigureAwait(false);
                }

                trials.Add(TrialFhirMapper.Map(record, mapping));
            }

            await error.WriteLineAsync($"{file}: {result.Records.Count} trial(s), layout {result.Layout}.").ConfigureAwait(false);
        }

        if (refusals.Issue.Count > 0)
        {
            await output.WriteAsync(options.Xml ? FhirFormat.ToXml(refusals) : FhirFormat.ToJson(refusals)).ConfigureAwait(false);
            return 1;
        }

        var bundle = CollectionBundle.Of(trials, options.BaseUrl);
        await output.WriteAsync(options.Xml ? FhirFormat.ToXml(bundle) : FhirFormat.ToJson(bundle)).ConfigureAwait(false);
        return 0;
    }

    private static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType code, string file, string message) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Error,
        Code = code,
        Diagnostics = $"{file}: {message}",
    };

    private static string Describe(string file, string? field, string message, int? line) =>
        $"{file}{(line is { } l ? ":" + l.ToString(CultureInfo.InvariantCulture) : "")}: warning: {(field is null ? "" : field + ": ")}{message}";

    private sealed record Options(IReadOnlyList<string> Files, bool Xml, DateTimeOffset Recorded, Uri? BaseUrl);

    private static bool TryParse(IReadOnlyList<string> args, out Options options, out string problem)
    {
        var files = new List<string>();
        var xml = false;
        var recorded = DateTimeOffset.UtcNow;
        recorded = new DateTimeOffset(recorded.Year, recorded.Month, recorded.Day, recorded.Hour, recorded.Minute, recorded.Second, TimeSpan.Zero);
        Uri? baseUrl = null;
        options = new Options(files, xml, recorded, baseUrl);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--xml":
                    xml = true;
                    break;
                case "--json":
                    xml = false;
                    break;
                case "--recorded" when i + 1 < args.Count:
                    if (!DateTimeOffset.TryParse(args[++i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out recorded))
                    {
                        problem = $"fhirtrials convert: '{args[i]}' is not a date and time (e.g. 2026-11-23T09:00:00Z).";
                        return false;
                    }

                    break;
                case "--base" when i + 1 < args.Count:
                    if (!Uri.TryCreate(args[++i], UriKind.Absolute, out baseUrl))
                    {
                        problem = $"fhirtrials convert: '{args[i]}' is not an absolute URL.";
                        return false;
                    }

                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    problem = $"fhirtrials convert: unknown or incomplete option '{flag}'.";
                    return false;
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        if (files.Count == 0)
        {
            problem = "fhirtrials convert: no file given.";
            return false;
        }

        options = new Options(files, xml, recorded, baseUrl);
        problem = "";
        return true;
    }
}
