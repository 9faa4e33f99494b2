namespace FhirTrials.TestSupport;

/// <summary>Paths inside the repository, found from the test binaries (tests never read outside the clone).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string Tests => Path.Combine(Root, "tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirTrials.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FhirTrials.sln not found above " + AppContext.BaseDirectory);
    }
}
