namespace FhirTrials.Cli;

/// <summary>A one-line progress bar on a terminal; one line per item when output is redirected (logs, CI).</summary>
internal sealed class ProgressBar(int total)
{
    private const int Width = 30;
    private int _done;

    public void Show(string item)
    {
        _done++;
        if (Console.IsOutputRedirected)
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
        if (!Console.IsOutputRedirected && total > 0)
        {
            Console.WriteLine();
        }
    }
}
