using FhirTrials.Core.Reading;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// Whether the service will accept a file, decided by the reader the service itself runs (Core's
/// <see cref="TrialDocumentReader"/>): empty, binary and unreadable files, and documents that hold no trial, are
/// named with the reader's own reason before anything is sent.
/// </summary>
/// <remarks>
/// Opening the document is enough: that sniffs the format and reads every document whole, except a large CT.gov JSON
/// page, which is recognised from its first bytes and read study by study by the service (no need to parse it twice).
/// A ZIP archive is not one document to the reader, but the service opens it entry by entry, so it is accepted; its
/// entries are judged there (status shows what became of them).
/// </remarks>
internal static class UploadCheck
{
    /// <returns>Null when the service will take the file; otherwise why not, in plain words.</returns>
    public static async Task<string?> RefusalAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var document = await TrialDocumentReader.ReadAsync(stream, Path.GetFileName(path), stream.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (document.ConfigureAwait(false))
            {
                return document.IsArchive ? null : document.RejectionReason;
            }
        }
    }
}
