using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using Hl7.Fhir.Model;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials convert [--xml] [--recorded &lt;instant&gt;] [--base &lt;url&gt;] &lt;file&gt;...</c>: reads each
/// document, maps every trial in it to FHIR R4 and prints one Bundle (type collection) on stdout. Warnings go to
/// stderr and the exit code is 0. When a document is missing or is not a trial, nothing but an OperationOutcome
/// naming each refused document is printed (for machines), each reason also goes to stderr (for people, who may have
/// redirected stdout), and the exit code is <see cref="ExitCodes.DocumentRefused"/>: a partial Bundle would look complete.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("file")
        {
            Description = "Trial documents: ClinicalTrials.gov JSON or XML, EU CTR text export, or a trial page saved as text, HTML or markdown.",
            Arity = ArgumentArity.OneOrMore,
        };
        var xml = new Option<bool>("--xml") { Description = "Print FHIR XML instead of JSON." };
        var recorded = new Option<DateTimeOffset>("--recorded")
        {
            Description = "The instant stamped as the record's recorded time (ISO 8601, e.g. 2026-11-23T09:00:00Z). Default: now, to the second.",
            HelpName = "instant",
            CustomParser = ParseInstant,
            DefaultValueFactory = _ => NowToTheSecond(),
        };
        var baseUrl = new Option<Uri?>("--base")
        {
            Description = "FHIR base URL for the entries' fullUrl (e.g. https://fhir.example.org/api/fhir/). Default: urn:uuid fullUrls.",
            HelpName = "url",
            CustomParser = ParseBaseUrl,
        };
        var command = new Command("convert", "Print one FHIR R4 Bundle (type collection) made from the trials of all documents on stdout; warnings and reasons on stderr.")
        {
            files, xml, recorded, baseUrl,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options(result.GetValue(files)!, result.GetValue(xml), result.GetValue(recorded), result.GetValue(baseUrl)), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public sealed record Options(IReadOnlyList<string> Files, bool Xml, DateTimeOffset Recorded, Uri? BaseUrl);

    public static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
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
            foreach (var issue in refusals.Issue)
            {
                await error.WriteLineAsync(issue.Diagnostics).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"No Bundle printed: {refusals.Issue.Count} document(s) refused (the OperationOutcome on stdout lists them).").ConfigureAwait(false);
            await output.WriteAsync(options.Xml ? FhirFormat.ToXml(refusals) : FhirFormat.ToJson(refusals)).ConfigureAwait(false);
            return ExitCodes.DocumentRefused;
        }

        var bundle = CollectionBundle.Of(trials, options.BaseUrl);
        await output.WriteAsync(options.Xml ? FhirFormat.ToXml(bundle) : FhirFormat.ToJson(bundle)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType code, string file, string message) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Error,
        Code = code,
        Diagnostics = $"{file}: {message}",
    };

    private static string Describe(string file, string? field, string message, int? line) =>
        $"{file}{(line is { } l ? ":" + l.ToString(CultureInfo.InvariantCulture) : "")}: warning: {(field is null ? "" : field + ": ")}{message}";

    private static DateTimeOffset NowToTheSecond()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
    }

    private static DateTimeOffset ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        result.AddError($"--recorded '{text}' is not a date and time (e.g. 2026-11-23T09:00:00Z).");
        return default;
    }

    private static Uri? ParseBaseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        result.AddError($"--base '{text}' is not an absolute http(s) URL (e.g. https://fhir.example.org/api/fhir/).");
        return null;
    }
}
