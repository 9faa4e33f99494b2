namespace FhirTrials.TestSupport;

/// <summary>Unique, valid table and container names, so no test can see another's data.</summary>
public static class StorageNames
{
    private static int _counter;
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Table names: letters and digits, starting with a letter, 3 to 63 characters.</summary>
    public static string Table(string purpose = "t") =>
        $"{Letters(purpose)}{RunId}{Interlocked.Increment(ref _counter)}";

    /// <summary>Table prefixes, for components that own several tables.</summary>
    public static string TablePrefix(string purpose = "t") => Table(purpose);

    /// <summary>Container names: lower-case letters, digits and single hyphens, 3 to 63 characters.</summary>
    public static string Container(string purpose = "c") =>
        $"{Letters(purpose).ToLowerInvariant()}-{RunId}-{Interlocked.Increment(ref _counter)}";

    private static string Letters(string purpose)
    {
        var letters = new string(purpose.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        return letters.Length == 0 || !char.IsAsciiLetter(letters[0]) ? "t" + letters : letters;
    }
}
