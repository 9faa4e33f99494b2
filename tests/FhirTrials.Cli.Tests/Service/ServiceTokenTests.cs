using FhirTrials.Cli.Service;

namespace FhirTrials.Cli.Tests.Service;

/// <summary><c>status --service</c> and <c>upload</c> with tokens (issue 19), against a stand-in of the service.</summary>
public sealed class ServiceTokenTests
{
    private const string Page = """{"entries":[{"entryId":"e1","blobName":"trial.json","blobVersion":"v1","outcome":"Ingested","startedAt":"2026-11-20T09:00:00+00:00","finishedAt":"2026-11-20T09:00:01+00:00","attempts":1,"trialCount":1,"resourceCount":7,"changedResourceCount":7}],"continuation":null}""";

    [Fact]
    public async Task Status_from_the_service_sends_the_token_of_the_option()
    {
        await using var service = await ServiceStub.StartAsync(200, Page);

        var (exit, output, error) = await CliRunner.RunAsync("status", "--service", service.BaseAddress.AbsoluteUri, "--token", "token-from-option");

        Assert.True(exit == 0, error);
        Assert.Equal("Bearer token-from-option", Assert.Single(service.Authorizations));
        Assert.Matches(@"2026-11-20 09:00:01  trial\.json  Ingested +1 trial\(s\), 7 resource\(s\) \(7 changed\)", output);
    }

    [Fact]
    public async Task Status_from_the_service_sends_the_token_of_the_environment_variable()
    {
        await using var service = await ServiceStub.StartAsync(200, Page);

        var (exit, _, error) = await CliRunner.RunWithEnvironmentAsync(
            new Dictionary<string, string> { [ServiceToken.TokenVariable] = "token-from-environment" }, "status", "--service", service.BaseAddress.AbsoluteUri);

        Assert.True(exit == 0, error);
        Assert.Equal("Bearer token-from-environment", Assert.Single(service.Authorizations));
    }

    [Fact]
    public async Task A_refused_token_is_one_line_saying_so_and_the_access_denied_exit_code()
    {
        await using var service = await ServiceStub.StartAsync(401,
            """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"login","diagnostics":"The bearer token was refused: the token is expired."}]}""",
            "Bearer error=\"invalid_token\"");

        var (exit, output, error) = await CliRunner.RunAsync("status", "--service", service.BaseAddress.AbsoluteUri, "--token", "stale");

        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"fhirtrials status: the service at {service.BaseAddress.GetLeftPart(UriPartial.Authority)} refused the token (401): The bearer token was refused: the token is expired.", line.TrimEnd());
    }

    [Fact]
    public async Task A_401_without_a_token_says_how_to_give_one()
    {
        await using var service = await ServiceStub.StartAsync(401, "", "Bearer");

        var (exit, _, error) = await CliRunner.RunAsync("status", "--service", service.BaseAddress.AbsoluteUri);

        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Equal("", Assert.Single(service.Authorizations));
        Assert.Contains("needs a token (401): give --token, set FHIRTRIALS_TOKEN, or --token-scope", error, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(error);
    }

    [Fact]
    public async Task A_403_names_what_the_service_said_is_missing()
    {
        await using var service = await ServiceStub.StartAsync(403,
            """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden","diagnostics":"This needs the ops role: the token has no 'FhirTrials.Ops' in its roles claim."}]}""");

        var (exit, _, error) = await CliRunner.RunAsync("status", "--service", service.BaseAddress.AbsoluteUri, "--token", "ehr-token");

        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Contains("denied access (403): This needs the ops role", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_with_a_token_and_a_connection_string_is_a_usage_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"trial-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "NCT05032131 A study of something. Status: Recruiting. Phase 1.");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("upload", file, "--force", "--token", "t", "--connection", CliRunner.UnreachableConnection);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("needs the storage as its blob service URL", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
