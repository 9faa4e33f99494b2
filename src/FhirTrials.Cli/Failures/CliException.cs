namespace FhirTrials.Cli.Failures;

/// <summary>
/// A failure the user can act on: its message is the one line printed on stderr (naming the file or setting and what
/// to do) and <see cref="ExitCode"/> is one of <see cref="ExitCodes"/>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.Internal, "Unexpected error.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Internal, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Internal;
    }

    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
