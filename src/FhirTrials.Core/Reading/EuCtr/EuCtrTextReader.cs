using System.Text.RegularExpressions;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>
/// Reads the EU Clinical Trials Register's full-text download ("This file contains full details on each clinical
/// trial selected for download..."): one block per trial per member state, numbered fields "A.1 Member State
/// Concerned: ..." to "P. End of Trial Status: ...". Gives one record per EudraCT number, its member-state blocks
/// merged (see <see cref="EuCtrRecordBuilder"/>). The register's protocol page copied from a browser is not this
/// format (no colon after the labels) and is left to the page reader.
/// </summary>
internal static partial class EuCtrTextReader
{
    public const string Layout = "euctr-full-text";
    public const string SiteName = "EU Clinical Trials Register";
    private const int SampleLength = 64 * 1024;

    /// <summary>The export's own header, or its field shape: a summary "EudraCT Number: ..." line and "A.2 EudraCT number: ...".</summary>
    public static bool LooksLikeExport(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sample = text.AsSpan(0, Math.Min(text.Length, SampleLength)).TrimStart(" \t\r\n\uFEFF");
        if (sample.IsEmpty || sample[0] == '<')
        {
            return false;
        }

        if (sample.StartsWith("This file contains full details on each clinical trial selected for download", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Matched on the span: every page is asked this, and a copy of its first 64 KB would cost more than the answer.
        return SummaryNumber().IsMatch(sample) && ProtocolNumber().IsMatch(sample) && MemberState().IsMatch(sample);
    }

    public static DocumentReadResult Read(string text, string documentName, string contentHash, List<ReadWarning> warnings)
    {
        var blocks = EuCtrBlockParser.Parse(text);
        var trials = blocks.GroupBy(b => b.EudraCtNumber!, StringComparer.Ordinal).ToList();
        if (trials.Count == 0)
        {
            return DocumentReadResult.Rejected(documentName, contentHash,
                "The file looks like an EU Clinical Trials Register export but holds no trial record (no \"EudraCT Number: yyyy-nnnnnn-cc\" line).",
                DocumentFormat.EuCtrText, warnings);
        }

        var records = new List<TrialRecord>(trials.Count);
        foreach (var trial in trials)
        {
            var members = trial.ToList();
            var link = members.Select(b => b.Summary("Link")).FirstOrDefault(l => l is not null);
            var source = new SourceInfo(documentName, contentHash, DocumentFormat.EuCtrText, Layout, TrialDocumentReader.ReaderVersion, SiteName, link);
            records.Add(EuCtrRecordBuilder.Build(members, source));
        }

        return new DocumentReadResult(documentName, contentHash, DocumentFormat.EuCtrText, Layout, records, warnings, null);
    }

    [GeneratedRegex(@"^EudraCT Number:[ \t]*\d{4}-\d{6}-\d{2}[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SummaryNumber();

    [GeneratedRegex(@"^A\.2 EudraCT number: \d{4}-\d{6}-\d{2}", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolNumber();

    [GeneratedRegex(@"^A\.1 Member State Concerned: \S", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MemberState();
}
