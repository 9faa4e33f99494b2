using FhirTrials.Cli.Commands;

namespace FhirTrials.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: fhirtrials <extract|convert|upload|status> ...");
            return args.Length == 0 ? 2 : 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        switch (args[0])
        {
            case "extract":
                return await ExtractCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync($"fhirtrials: unknown command '{args[0]}'. Commands: extract, convert, upload, status.").ConfigureAwait(false);
        return 2;
    }
}
