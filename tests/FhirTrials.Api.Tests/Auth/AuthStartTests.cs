namespace FhirTrials.Api.Tests.Auth;

/// <summary>The Server host itself refuses to start open on real storage (the Functions app runs the same check at start).</summary>
public sealed class AuthStartTests
{
    [Fact]
    public void The_server_host_does_not_start_with_mode_none_on_real_storage()
    {
        const string RealStorage = "DefaultEndpointsProtocol=https;AccountName=fhirtrialsprod;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";

        var error = Assert.Throws<InvalidOperationException>(() => new KestrelServerFactory(RealStorage, new Dictionary<string, string> { ["AuthMode"] = "none" }));

        Assert.Contains("only allowed with development storage", error.Message, StringComparison.Ordinal);
    }
}
