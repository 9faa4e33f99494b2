using System.Reflection;
using System.Text.Json;
using FhirTrials.TestSupport;

namespace FhirTrials.Server.Tests.Infra;

/// <summary>
/// infra/ compiles and lints clean. Bicep reports type errors (BCP036) and misspelt properties (BCP089) only as
/// warnings, so any warning fails here.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    private static string MainBicep => Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    [Fact]
    public async Task The_deployment_builds_and_lints_without_any_warning()
    {
        var build = await RunAsync("build", MainBicep, "--stdout");
        var lint = await RunAsync("lint", MainBicep);
        var parameters = await RunAsync("build-params", Path.Combine(RepoPaths.Root, "infra", "main.bicepparam"), "--stdout");

        foreach (var (exit, _, error) in new[] { build, lint, parameters })
        {
            Assert.True(exit == 0, error);
            Assert.DoesNotContain("Warning", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Error", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_function_app_reaches_storage_by_identity_with_the_settings_the_hosts_read()
    {
        var (_, template, _) = await RunAsync("build", MainBicep, "--stdout");
        using var json = JsonDocument.Parse(template);
        var app = json.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");

        Assert.Equal("SystemAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        var settings = app.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings")
            .EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains("TrialStorage__blobServiceUri", settings);
        Assert.Contains("TrialStorage__tableServiceUri", settings);
        Assert.Contains(Storage.ServiceSettings.IncomingContainerName, settings);
        Assert.Contains(Storage.ServiceSettings.PoisonContainerName, settings);
        Assert.Contains(Storage.ServiceSettings.TablePrefixName, settings);
        Assert.Contains(Storage.ServiceSettings.PublicBaseUrlName, settings);
        Assert.DoesNotContain(settings, s => s.Contains("Key", StringComparison.OrdinalIgnoreCase) || s.EndsWith("ConnectionString", StringComparison.Ordinal));
        Assert.DoesNotContain("AccountKey", template, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        // The compiler package is the linux-x64 one (what CI and the dev machines run); NuGet does not keep its
        // executable bit when it extracts it.
        Assert.True(OperatingSystem.IsLinux(), "InfraTests run the linux-x64 Bicep compiler.");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Bicep, File.GetUnixFileMode(Bicep) | UnixFileMode.UserExecute);
        }

        return await ChildProcess.RunAsync(Bicep, args);
    }
}
