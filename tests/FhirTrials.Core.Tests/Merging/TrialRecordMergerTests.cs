using FhirTrials.Core.Merging;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Merging;

public sealed class TrialRecordMergerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static TrialRecord Record(string name, DocumentFormat format, Action<TrialRecord> fill)
    {
        var record = new TrialRecord { Source = new SourceInfo(name, name + "-hash", format, "test", "1") };
        record.Identifiers.Add(new TrialIdentifier("NCT05947682", IdentifierKind.Nct));
        fill(record);
        return record;
    }

    [Fact]
    public void A_structured_registry_record_wins_over_page_text_whatever_the_arrival_order()
    {
        var json = Record("a.json", DocumentFormat.ClinicalTrialsGovJson, r => r.BriefTitle = "Registry title");
        var page = Record("b.txt", DocumentFormat.Text, r => r.BriefTitle = "Page title");

        var first = TrialRecordMerger.Merge([new(json, Monday), new(page, Monday.AddDays(1))]);
        var second = TrialRecordMerger.Merge([new(page, Monday.AddDays(1)), new(json, Monday)]);

        Assert.Equal("Registry title", first.BriefTitle);
        Assert.Equal("Registry title", second.BriefTitle);
        Assert.Equal("a.json", first.Source.DocumentName);
    }

    [Fact]
    public void An_EU_register_export_counts_as_registry_data_and_wins_over_a_copied_page_received_later()
    {
        var export = Record("euctr.txt", DocumentFormat.EuCtrText, r => r.BriefTitle = "Register title");
        var page = Record("page.txt", DocumentFormat.Text, r => r.BriefTitle = "Page title");

        var merged = TrialRecordMerger.Merge([new(page, Monday.AddDays(1)), new(export, Monday)]);

        Assert.Equal("Register title", merged.BriefTitle);
    }

    [Fact]
    public void Between_two_pages_the_one_received_last_wins()
    {
        var older = Record("old.txt", DocumentFormat.Text, r => r.Status = RecruitmentStatus.NotYetRecruiting);
        var newer = Record("new.txt", DocumentFormat.Html, r => r.Status = RecruitmentStatus.Recruiting);

        var merged = TrialRecordMerger.Merge([new(older, Monday.AddDays(2)), new(newer, Monday.AddDays(3))]);

        Assert.Equal(RecruitmentStatus.Recruiting, merged.Status);
    }

    [Fact]
    public void A_field_only_the_lower_source_has_is_kept()
    {
        var json = Record("a.json", DocumentFormat.ClinicalTrialsGovJson, r => r.BriefTitle = "Registry title");
        var page = Record("b.txt", DocumentFormat.Text, r =>
        {
            r.Acronym = "PAGE";
            r.Eligibility.Inclusion.Add("Adults");
            r.Locations.Add(new Site { Facility = "Hôpital Lariboisière", City = "Paris" });
            r.Dates.Start = new TrialDate(2024, 3);
        });

        var merged = TrialRecordMerger.Merge([new(json, Monday), new(page, Monday)]);

        Assert.Equal("PAGE", merged.Acronym);
        Assert.Equal(["Adults"], merged.Eligibility.Inclusion);
        Assert.Equal("Hôpital Lariboisière", Assert.Single(merged.Locations).Facility);
        Assert.Equal(new TrialDate(2024, 3), merged.Dates.Start);
    }

    [Fact]
    public void Lists_come_whole_from_one_source_so_two_wordings_of_the_same_sites_never_mix()
    {
        var json = Record("a.json", DocumentFormat.ClinicalTrialsGovJson, r => r.Locations.Add(new Site { Facility = "Mayo Clinic" }));
        var page = Record("b.txt", DocumentFormat.Text, r =>
        {
            r.Locations.Add(new Site { Facility = "Mayo Clinic, Rochester" });
            r.Locations.Add(new Site { Facility = "Mayo Clinic Arizona" });
        });

        var merged = TrialRecordMerger.Merge([new(page, Monday), new(json, Monday)]);

        Assert.Equal(["Mayo Clinic"], merged.Locations.Select(l => l.Facility));
    }

    [Fact]
    public void Identifiers_conditions_and_keywords_are_the_union_of_all_sources_without_duplicates()
    {
        var json = Record("a.json", DocumentFormat.ClinicalTrialsGovJson, r =>
        {
            r.Conditions.Add("Heart Failure");
            r.Keywords.Add("HFpEF");
        });
        var page = Record("b.txt", DocumentFormat.Text, r =>
        {
            r.Identifiers.Add(new TrialIdentifier("2023-000123-45", IdentifierKind.EudraCt));
            r.Identifiers.Add(new TrialIdentifier("nct05947682", IdentifierKind.Nct));
            r.Conditions.Add("heart failure");
            r.Conditions.Add("Cardiomyopathy");
        });

        var merged = TrialRecordMerger.Merge([new(json, Monday), new(page, Monday)]);

        Assert.Equal(["NCT05947682", "2023-000123-45"], merged.Identifiers.Select(i => i.Value));
        Assert.Equal(["Heart Failure", "Cardiomyopathy"], merged.Conditions);
        Assert.Equal(["HFpEF"], merged.Keywords);
    }

    [Fact]
    public void Merging_nothing_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => TrialRecordMerger.Merge([]));

        Assert.Contains("no record to merge", error.Message, StringComparison.Ordinal);
    }
}
