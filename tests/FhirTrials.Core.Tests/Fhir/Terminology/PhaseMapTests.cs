using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Fhir.Terminology;

public sealed class PhaseMapTests
{
    [Theory]
    [InlineData(new[] { TrialPhase.EarlyPhase1 }, "early-phase-1")]
    [InlineData(new[] { TrialPhase.Phase1 }, "phase-1")]
    [InlineData(new[] { TrialPhase.Phase2 }, "phase-2")]
    [InlineData(new[] { TrialPhase.Phase3 }, "phase-3")]
    [InlineData(new[] { TrialPhase.Phase4 }, "phase-4")]
    [InlineData(new[] { TrialPhase.NotApplicable }, "n-a")]
    [InlineData(new[] { TrialPhase.Phase1, TrialPhase.Phase2 }, "phase-1-phase-2")]
    [InlineData(new[] { TrialPhase.Phase2, TrialPhase.Phase1 }, "phase-1-phase-2")]
    [InlineData(new[] { TrialPhase.Phase2, TrialPhase.Phase3 }, "phase-2-phase-3")]
    [InlineData(new[] { TrialPhase.Phase1, TrialPhase.Phase1 }, "phase-1")]
    [InlineData(new[] { TrialPhase.Phase1, TrialPhase.Phase3 }, null)]
    [InlineData(new[] { TrialPhase.EarlyPhase1, TrialPhase.Phase1 }, null)]
    public void Registry_phases_map_to_the_R4_phase_code_or_to_none(TrialPhase[] phases, string? code) =>
        Assert.Equal(code, PhaseMap.ToCode(phases));

    [Fact]
    public void Every_single_phase_value_has_a_code()
    {
        Assert.All(Enum.GetValues<TrialPhase>(), p => Assert.NotNull(PhaseMap.ToCode([p])));
    }
}
