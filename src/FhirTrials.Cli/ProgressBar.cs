namespace FhirTrials.Cli;

/// <summary>
/// A one-line progress bar on a terminal; one plain line per item when output is redirected or <c>CI</c> is set, so
/// logs hold no carriage returns.
/// </summary>
/// <remarks>
/// Spectre.Console's progress display was weighed: for one bar of a known count it adds a dependency and its own
/// terminal detection for nothing this class lacks.
/// </remarks>
internal sealed class ProgressBar(int total)
{
    private const int Width = 30;
    private static readonly bool Plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
    private int _done;

    public void Show(string item)
    {
        _done++;
        if (Plain)
        {
            Console.WriteLine($"[{_done}/{total}] {item}");
            return;
        }

        var filled = total == 0 ? Width : _done * Width / total;
        var name = item.Length > 40 ? "..." + item[^37..] : item;
        Console.Write($"\r[{new string('#', filled)}{new string(' ', Width - filled)}] {_done}/{total} {name,-40}");
    }

    public void Done()
    {
        if (!Plain && _done > 0)
        {
            Console.WriteLine();
        }
    }
}
