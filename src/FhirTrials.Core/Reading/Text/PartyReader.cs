using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Sponsors and collaborators (with agency class), responsible party, officials, central contacts.</summary>
internal static class PartyReader
{
    // CT.gov agency classes, as the API spells them.
    private static readonly string[] AgencyClasses = ["NIH", "FED", "OTHER_GOV", "INDIV", "INDUSTRY", "NETWORK", "AMBIG", "OTHER", "UNKNOWN"];

    /// <summary>
    /// Sponsor lists: name lines, each optionally followed by its class line (OTHER_GOV). A "Sponsors" list does not
    /// say which one leads; <see cref="RankSponsors"/> decides once the whole page is read.
    /// </summary>
    public static void Sponsors(IReadOnlyList<PageLine> lines, RecordWriter writer, bool allCollaborators)
    {
        var record = writer.Record;
        var parties = new List<(Party Party, LineSpan Span)>();
        foreach (var line in lines)
        {
            if (TryAgencyClass(line.Content, out var agencyClass) && parties.Count > 0 && parties[^1].Party.Class is null)
            {
                parties[^1] = (parties[^1].Party with { Class = agencyClass }, parties[^1].Span with { Last = line.Number });
                continue;
            }

            parties.Add((new Party(line.Content), LineSpan.Of(line)));
        }

        if (allCollaborators)
        {
            parties.ForEach(p => writer.Add("collaborators", record.Collaborators, p.Party, p.Span));
        }
        else
        {
            writer.UnrankedSponsors.AddRange(parties);
        }
    }

    /// <summary>
    /// The lead of an unranked sponsor list is the one the study's own people belong to (an official's affiliation,
    /// the responsible organisation); failing that, the first listed. The others are collaborators.
    /// </summary>
    public static void RankSponsors(RecordWriter writer)
    {
        var record = writer.Record;
        var sponsors = writer.UnrankedSponsors;
        if (sponsors.Count == 0)
        {
            return;
        }

        var own = record.Officials.Select(o => o.Affiliation).Append(record.ResponsibleParty?.OrganizationName)
            .Where(n => n is not null).Select(n => TextKey.Of(n)).ToHashSet();
        var leadIndex = record.LeadSponsor is null ? Math.Max(0, sponsors.FindIndex(s => own.Contains(TextKey.Of(s.Party.Name)))) : -1;
        for (var i = 0; i < sponsors.Count; i++)
        {
            var (party, span) = sponsors[i];
            if (i == leadIndex)
            {
                writer.Set("leadSponsor", null, party, v => record.LeadSponsor = v, span);
            }
            else if (party.Name != record.LeadSponsor?.Name)
            {
                writer.Add("collaborators", record.Collaborators, party, span);
            }
        }
    }

    /// <summary>"Funder types: Other" qualifies the lead sponsor, who may only be found later on the page.</summary>
    public static void FunderType(PageLine value, RecordWriter writer)
    {
        if (TryAgencyClass(value.Content, out var agencyClass))
        {
            writer.PendingSponsorClass = agencyClass;
            writer.Trace("leadSponsor.class", LineSpan.Of(value));
        }
        else
        {
            writer.NotUnderstood("leadSponsor.class", value.Content, value);
        }
    }

    public static void ApplyPendingClass(RecordWriter writer)
    {
        if (writer.PendingSponsorClass is { } agencyClass && writer.Record.LeadSponsor is { Class: null } lead)
        {
            writer.Record.LeadSponsor = lead with { Class = agencyClass };
        }
    }

    public static void ResponsibleParty(PageSection section, PageLine value, RecordWriter writer)
    {
        var record = writer.Record;
        var key = TextKey.Compact(value.Content);
        ResponsibleParty party = key switch
        {
            "sponsor" => new ResponsibleParty(ResponsiblePartyType.Sponsor),
            "principalinvestigator" => new ResponsibleParty(ResponsiblePartyType.PrincipalInvestigator),
            "sponsorinvestigator" => new ResponsibleParty(ResponsiblePartyType.SponsorInvestigator),
            // CT.gov pages print the organisation's name when the sponsor is the responsible party.
            _ => new ResponsibleParty(null, OrganizationName: section.InlineValues.Count > 1 ? section.InlineValues[0] : value.Content),
        };
        writer.Set("responsibleParty", record.ResponsibleParty, party, v => record.ResponsibleParty = v, LineSpan.Of(value));
    }

    /// <summary>Officials: a row "Name, Degree | Affiliation |", or lines name / "Role: X" / affiliation.</summary>
    public static void Officials(PageSection section, RecordWriter writer)
    {
        var record = writer.Record;
        var defaultRole = TextKey.Of(section.LabelText) switch
        {
            var k when k.StartsWith("study director", StringComparison.Ordinal) => OfficialRole.StudyDirector,
            var k when k.StartsWith("study chair", StringComparison.Ordinal) => OfficialRole.StudyChair,
            _ => OfficialRole.PrincipalInvestigator,
        };
        if (section.InlineValues.Count > 0)
        {
            var affiliation = section.InlineValues.Count > 1 ? section.InlineValues[1] : null;
            writer.Add("officials", record.Officials, new Investigator(section.InlineValues[0], defaultRole, affiliation), LineSpan.Of(section.LabelLine!));
            return;
        }

        var lines = section.ContentLines.ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var name = lines[i].Content;
            var role = defaultRole;
            var first = lines[i].Number;
            var last = first;
            string? affiliation = null;
            if (i + 1 < lines.Count && TextKey.Of(lines[i + 1].Content).StartsWith("role ", StringComparison.Ordinal))
            {
                var roleText = lines[i + 1].Content[(lines[i + 1].Content.IndexOf(':', StringComparison.Ordinal) + 1)..];
                if (EnumText.TryParse(roleText, out OfficialRole parsed))
                {
                    role = parsed;
                }

                i++;
                last = lines[i].Number;
                if (i + 1 < lines.Count)
                {
                    affiliation = lines[++i].Content;
                    last = lines[i].Number;
                }
            }

            writer.Add("officials", record.Officials, new Investigator(name, role, affiliation), new LineSpan(first, last));
        }
    }

    public static void CentralContacts(PageSection section, RecordWriter writer)
    {
        var record = writer.Record;
        if (section.InlineValues.Count > 1)
        {
            foreach (var contact in ContactParser.Parse(section.InlineValues))
            {
                writer.Add("centralContacts", record.CentralContacts, contact, LineSpan.Of(section.LabelLine!));
            }
        }

        foreach (var line in section.InlineValues.Count > 1 ? section.ContentLines : SectionValues.All(section))
        {
            var cells = PipeRowParser.Cells(line.Content);
            var colon = cells.Count > 0 ? cells[0].IndexOf(':', StringComparison.Ordinal) : -1;
            if (colon > 0 && TextKey.Of(cells[0].AsSpan(0, colon)) is "contact" or "backup contact")
            {
                cells[0] = cells[0][(colon + 1)..].Trim();
            }

            foreach (var contact in ContactParser.Parse(cells))
            {
                writer.Add("centralContacts", record.CentralContacts, contact, LineSpan.Of(line));
            }
        }
    }

    private static bool TryAgencyClass(string text, out string agencyClass)
    {
        var compact = TextKey.Compact(text);
        agencyClass = AgencyClasses.FirstOrDefault(c => TextKey.Compact(c) == compact) ?? string.Empty;
        return agencyClass.Length > 0;
    }
}
