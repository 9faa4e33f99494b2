namespace FhirTrials.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: fhirtrials <extract|convert|upload|status> ...");
            return args.Length == 0 ? 2 : 0;
        }

        Console.Error.WriteLine($"fhirtrials: unknown command '{args[0]}'. Commands: extract, convert, upload, status.");
        return 2;
    }
}
