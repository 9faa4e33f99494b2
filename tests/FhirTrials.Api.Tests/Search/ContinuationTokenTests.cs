using FhirTrials.Api.Errors;
using FhirTrials.Api.Search;
using FhirTrials.Api.Tests.Support;

namespace FhirTrials.Api.Tests.Search;

public sealed class ContinuationTokenTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_token_reads_back_its_position_for_the_same_query()
    {
        var tokens = new ContinuationToken(Key, _time);

        var token = tokens.Create("ResearchStudy?status=active", 14, "study-013");

        Assert.Equal((14, "study-013"), tokens.Read(token, "ResearchStudy?status=active"));
        Assert.True(token.Length < 80, token);
        Assert.DoesNotContain("study", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_expire_after_their_lifetime()
    {
        var tokens = new ContinuationToken(Key, _time);
        var token = tokens.Create("q", 7, "a");

        _time.Now += ContinuationToken.Lifetime + TimeSpan.FromSeconds(1);

        var error = Assert.Throws<FhirException>(() => tokens.Read(token, "q"));
        Assert.Equal(400, error.Status);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_or_query_or_any_flipped_character_is_rejected()
    {
        var tokens = new ContinuationToken(Key, _time);
        var token = tokens.Create("q", 7, "a");

        Assert.Throws<FhirException>(() => new ContinuationToken(new byte[32], _time).Read(token, "q"));
        Assert.Throws<FhirException>(() => tokens.Read(token, "q2"));
        for (var i = 0; i < token.Length; i++)
        {
            var flipped = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Throws<FhirException>(() => tokens.Read(flipped, "q"));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("AAAA")]
    [InlineData("' or 1 eq 1")]
    public void Garbage_is_a_400_not_an_exception_of_another_kind(string token)
    {
        var error = Assert.Throws<FhirException>(() => new ContinuationToken(Key, _time).Read(token, "q"));
        Assert.Equal(400, error.Status);
    }
}
