using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>The register's own words for trial status, sponsor status and member states, and what they normalise to.</summary>
internal static class EuCtrVocabulary
{
    // "Trial Status" and "P. End of Trial Status" as the register words them for one member state. "Ongoing" says the
    // trial is authorised and running there, not that it recruits, so it is active but not known to recruit.
    private static readonly Dictionary<string, RecruitmentStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ongoing"] = RecruitmentStatus.ActiveNotRecruiting,
        ["Restarted"] = RecruitmentStatus.ActiveNotRecruiting,
        ["Authorised"] = RecruitmentStatus.NotYetRecruiting,
        ["Temporarily Halted"] = RecruitmentStatus.Suspended,
        ["Suspended by CA"] = RecruitmentStatus.Suspended,
        ["Completed"] = RecruitmentStatus.Completed,
        ["Prematurely Ended"] = RecruitmentStatus.Terminated,
        ["Prohibited by CA"] = RecruitmentStatus.Terminated,
        ["Not Authorised"] = RecruitmentStatus.Withdrawn,
        ["Trial now transitioned"] = RecruitmentStatus.Unknown,
        ["GB - no longer in EU/EEA"] = RecruitmentStatus.Unknown,
    };

    /// <summary>Which member-state status speaks for the whole trial: one state still running keeps the trial running.</summary>
    private static readonly RecruitmentStatus[] OverallPrecedence =
    [
        RecruitmentStatus.ActiveNotRecruiting, RecruitmentStatus.NotYetRecruiting, RecruitmentStatus.Suspended,
        RecruitmentStatus.Completed, RecruitmentStatus.Terminated, RecruitmentStatus.Withdrawn, RecruitmentStatus.Unknown,
    ];

    public static bool TryStatus(string text, out RecruitmentStatus status) => Statuses.TryGetValue(text.Trim(), out status);

    public static RecruitmentStatus? Overall(IEnumerable<RecruitmentStatus> statuses)
    {
        var seen = statuses.ToHashSet();
        return OverallPrecedence.Where(seen.Contains).Select(s => (RecruitmentStatus?)s).FirstOrDefault();
    }

    /// <summary>"B.3.1 and B.3.2 Status of the sponsor" as CT.gov's agency class.</summary>
    public static string? SponsorClass(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "COMMERCIAL" => "INDUSTRY",
        "NON-COMMERCIAL" => "OTHER",
        _ => null,
    };

    /// <summary>The country of "Spain - AEMPS", "Sweden - MPA", "UK - MHRA"; null for "Outside EU/EEA".</summary>
    public static string? MemberState(string? authority)
    {
        if (string.IsNullOrWhiteSpace(authority))
        {
            return null;
        }

        var dash = authority.IndexOf(" - ", StringComparison.Ordinal);
        var country = (dash > 0 ? authority[..dash] : authority).Trim();
        return country.ToUpperInvariant() switch
        {
            "UK" => "United Kingdom",
            "OUTSIDE EU/EEA" or "OUTSIDE EU" or "OUTSIDE EEA" => null,
            _ => country,
        };
    }
}
