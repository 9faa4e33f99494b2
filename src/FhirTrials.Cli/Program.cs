using FhirTrials.Cli.Commands;

namespace FhirTrials.Cli;

internal static class Program
{
    private const string Usage = """
        usage: fhirtrials <command> ...
          extract <file>...          print the trial record(s) read from each document, as JSON
          convert <file>... [--xml]  print the FHIR Bundle made from each document
          upload <folder or files>   upload trial documents to the incoming container
          status                     show the latest ingestion outcomes
        """;

    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return args.FirstOrDefault() switch
            {
                null => Help(2),
                "-h" or "--help" or "help" => Help(0),
                "extract" => await ExtractCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token).ConfigureAwait(false),
                "convert" => await ConvertCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token).ConfigureAwait(false),
                "upload" => await UploadCommand.RunAsync(args[1..], cancel.Token).ConfigureAwait(false),
                "status" => await StatusCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token).ConfigureAwait(false),
                _ => Unknown(args[0]),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"fhirtrials {args[0]}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static int Help(int exitCode)
    {
        Console.WriteLine(Usage);
        return exitCode;
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"fhirtrials: unknown command '{command}'. Commands: extract, convert, upload, status.");
        return 2;
    }
}
