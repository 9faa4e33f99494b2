using System.Text;
using Xunit.Sdk;

namespace FhirTrials.TestSupport;

/// <summary>
/// Compares produced text with an expected file under tests/, failing with a readable line diff.
/// Set FHIRTRIALS_UPDATE_GOLDEN=1 to rewrite the expected files, then review them with git diff.
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string expectedPath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("FHIRTRIALS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            throw new XunitException($"Golden file {expectedPath} does not exist. Run with FHIRTRIALS_UPDATE_GOLDEN=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            throw new XunitException($"{Path.GetFileName(expectedPath)} differs (- expected, + actual):\n{LineDiff.Describe(expected, actual)}");
        }
    }
}

/// <summary>A minimal line diff (longest common subsequence), enough to show what changed in a golden file.</summary>
public static class LineDiff
{
    public static string Describe(string expected, string actual, int maxLines = 80)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var output = new StringBuilder();
        var lines = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && lines < maxLines)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                output.Append("line ").Append(y + 1).Append(" + ").AppendLine(b[y++]);
                lines++;
            }
            else
            {
                output.Append("line ").Append(x + 1).Append(" - ").AppendLine(a[x++]);
                lines++;
            }
        }

        return lines >= maxLines ? output.AppendLine("...").ToString() : output.ToString();
    }
}
