using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using FhirTrials.Cli.Commands;
using FhirTrials.Cli.Failures;

namespace FhirTrials.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // The last line of defence: whatever escapes parsing or a command is one line on stderr and a documented exit code.
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('[') ? $"fhirtrials {args[0]}" : "fhirtrials";
        try
        {
            var root = CreateRootCommand();
            var result = root.Parse(args);
            command = result.CommandResult.Command == root ? "fhirtrials" : $"fhirtrials {result.CommandResult.Command.Name}";
            if (result.Action is ParseErrorAction)
            {
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync($"{command}: {error.Message}").ConfigureAwait(false);
                }

                await Console.Error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"{command}: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file that exists but cannot be read (permissions, a folder given as a file): the user's to fix.
            await Console.Error.WriteLineAsync($"{command}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.DocumentRefused;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{command}: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // Every exception, so that no stack trace reaches a user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"{command}: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}). Please report this line with the command you ran.").ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }

    internal static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("fhirtrials: read clinical-trial documents into trial records and FHIR R4, upload them to the FhirTrials service and follow their ingestion.")
        {
            ExtractCommand.Create(),
            ConvertCommand.Create(),
            UploadCommand.Create(),
            StatusCommand.Create(),
        };

        // Every command's --help ends with the exit codes, so a script writer finds them where the options are.
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWithExitCodes(help.Action!);
        }

        return root;
    }

    private sealed class HelpWithExitCodes(CommandLineAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (help is SynchronousCommandLineAction synchronous)
            {
                synchronous.Invoke(parseResult);
            }

            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (code, meaning) in ExitCodes.All)
            {
                output.WriteLine($"  {code,-5}{meaning}");
            }

            output.WriteLine();
            output.WriteLine("Tab completion: install dotnet-suggest ('dotnet tool install -g dotnet-suggest') and its shell script; completions come from 'fhirtrials [suggest] <words>'.");
            return ExitCodes.Success;
        }
    }
}
