using FhirTrials.Api.Auth;
using FhirTrials.Storage;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.Api.Tests.Auth;

public sealed class AuthSettingsTests
{
    private const string RealStorage = "DefaultEndpointsProtocol=https;AccountName=fhirtrialsprod;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";

    private static readonly ServiceSettings Azurite = new() { StorageConnection = AzuriteProcess.BuildConnectionString(41001, 41002, 41003) };

    [Fact]
    public void With_no_setting_the_mode_is_none_on_development_storage()
    {
        Assert.Equal(AuthMode.None, AuthSettings.From(_ => null, new ServiceSettings()).Mode);
        Assert.Equal(AuthMode.None, AuthSettings.From(_ => null, Azurite).Mode);
    }

    [Fact]
    public void Mode_none_is_refused_on_storage_that_is_not_the_emulator()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthSettings.From(Lookup(("AuthMode", "none")), new ServiceSettings { StorageConnection = RealStorage }));

        Assert.Contains("only allowed with development storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mode_none_is_refused_with_a_managed_identity()
    {
        var identity = new ServiceSettings { BlobServiceUri = new Uri("https://a.blob.core.windows.net"), TableServiceUri = new Uri("https://a.table.core.windows.net") };

        Assert.Throws<InvalidOperationException>(() => AuthSettings.From(Lookup(("AuthMode", "none")), identity));
    }

    [Fact]
    public void The_emulator_account_on_another_machine_is_not_development_storage()
    {
        var remote = new ServiceSettings { StorageConnection = Azurite.StorageConnection.Replace("127.0.0.1", "10.1.2.3", StringComparison.Ordinal) };

        Assert.False(DevelopmentStorage.Recognizes(remote));
        Assert.True(DevelopmentStorage.Recognizes(Azurite));
    }

    [Fact]
    public void Without_a_mode_real_storage_asks_for_bearer_settings_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthSettings.From(_ => null, new ServiceSettings { StorageConnection = RealStorage }));

        Assert.Contains(AuthSettings.AuthorityName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bearer_settings_are_read_by_their_flat_names()
    {
        var settings = AuthSettings.From(
            Lookup(("AuthMode", "Bearer"), ("AuthAuthority", "https://login.microsoftonline.com/t1/v2.0"), ("AuthAudience", "api://fhirtrials, 0000-1111"),
                ("AuthTokenEndpoint", "https://login.microsoftonline.com/t1/oauth2/v2.0/token"), ("AuthOpsRole", "Trials.Ops")),
            new ServiceSettings { StorageConnection = RealStorage });

        Assert.Equal(AuthMode.Bearer, settings.Mode);
        Assert.Equal(["api://fhirtrials", "0000-1111"], settings.Audiences);
        Assert.Equal("Trials.Ops", settings.OpsRole);
    }

    [Theory]
    [InlineData("http://login.example.org/")]
    [InlineData("login.example.org")]
    public void An_authority_must_be_https_unless_on_this_machine(string authority)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthSettings.From(
            Lookup(("AuthMode", "bearer"), ("AuthAuthority", authority), ("AuthAudience", "a"), ("AuthTokenEndpoint", "https://x.example.org/token")), new ServiceSettings()));

        Assert.Contains("AuthAuthority must be an absolute https URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("1")]
    public void An_unknown_mode_is_refused(string mode)
    {
        Assert.Throws<InvalidOperationException>(() => AuthSettings.From(Lookup(("AuthMode", mode)), new ServiceSettings()));
    }

    private static Func<string, string?> Lookup(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
