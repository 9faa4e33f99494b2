namespace FhirTrials.LoadDriver.Api;

/// <summary>The repository the driver was built from: its inputs (seed pages) and the Server host's build output.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Server host built with the driver, in the driver's own configuration (Release for figures).</summary>
    public static string ServerAssembly()
    {
        // The driver runs from bench/FhirTrials.LoadDriver/bin/{Configuration}/{tfm}/.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent?.Name ?? "Release";
        var path = Path.Combine(Root, "src", "FhirTrials.Server", "bin", configuration, tfm.Name, "FhirTrials.Server.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The Server host is not built at {path}: build the driver (it references the Server project).");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirTrials.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The FhirTrials repository root (FhirTrials.sln) was not found above " + AppContext.BaseDirectory + ".");
    }
}
