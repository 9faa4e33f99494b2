namespace FhirTrials.Cli;

/// <summary>
/// One exit code per kind of failure, so scripts can tell "fix the command" from "start storage" without reading
/// stderr. Listed in <c>fhirtrials --help</c> and the README; changing a number breaks scripts.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A document is missing, empty, binary or not a trial (or upload skipped such files).</summary>
    public const int DocumentRefused = 1;
    /// <summary>The command line is wrong: unknown command or option, a bad value, a path that does not exist.</summary>
    public const int Usage = 2;
    /// <summary>local.settings.json or a setting (connection string) cannot be used.</summary>
    public const int Settings = 3;
    /// <summary>Storage did not answer: nothing listens at the endpoint, or it did not answer in time.</summary>
    public const int StorageUnreachable = 4;
    /// <summary>Storage answered with an error (access denied, missing table, a failed upload).</summary>
    public const int StorageFailed = 5;
    /// <summary>The service (or storage) refused the token or had none (401), or denied the caller (403).</summary>
    public const int AccessDenied = 6;
    /// <summary>A fault of ours; the one line on stderr says what to report.</summary>
    public const int Internal = 70;
    /// <summary>Stopped with Ctrl+C.</summary>
    public const int Cancelled = 130;

    public static readonly (int Code, string Meaning)[] All =
    [
        (Success, "success"),
        (DocumentRefused, "a document is missing, empty, binary or not a trial (upload: such files were skipped)"),
        (Usage, "bad usage: unknown command or option, invalid value, missing path"),
        (Settings, "a settings file or setting is invalid (local.settings.json, connection string)"),
        (StorageUnreachable, "storage unreachable: start Azurite or the server, or check the connection"),
        (StorageFailed, "storage answered with an error (access, missing table, failed upload)"),
        (AccessDenied, "the service refused the token or the caller (401/403): give --token or --token-scope, or ask for the role"),
        (Internal, "internal error (a bug: please report the line printed)"),
        (Cancelled, "cancelled (Ctrl+C)"),
    ];
}
