namespace FhirTrials.Cli;

/// <summary>The arguments of one command: <c>--name value</c> flags, <c>--switch</c> flags and positional values.</summary>
internal sealed record CommandLine(IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Flags, IReadOnlySet<string> Switches)
{
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueFlags)
    {
        var positional = new List<string>();
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            var name = args[i][2..];
            if (!valueFlags.Contains(name))
            {
                switches.Add(name);
            }
            else if (i + 1 < args.Count)
            {
                flags[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }

        return new CommandLine(positional, flags, switches);
    }
}
