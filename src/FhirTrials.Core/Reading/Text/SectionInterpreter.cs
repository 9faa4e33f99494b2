using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Reads each labelled section into the record. Interventions are read before arms, so an arm that names an
/// intervention (in any order on the page) links to it; lines no label claims go to the vocabulary recogniser last.
/// </summary>
internal static class SectionInterpreter
{
    public static void Apply(IReadOnlyList<PageSection> sections, RecordWriter writer, int lastContentLine)
    {
        PageLine? titleLine = null;
        foreach (var section in sections.Where(s => s.Field is not (PageField.ArmGroups or PageField.ArmsTable)))
        {
            if (section.Field == PageField.Preamble)
            {
                titleLine = PreambleReader.Read(section, writer);
            }
            else
            {
                Read(section, writer);
            }
        }

        PreambleReader.ApplyTitle(titleLine, writer);

        foreach (var section in sections.Where(s => s.Field is PageField.ArmGroups or PageField.ArmsTable))
        {
            if (section.Shape == LabelShape.PipeTable)
            {
                ArmGroupParser.ReadTable(section, writer);
            }
            else
            {
                ArmGroupParser.ReadBlock(SectionValues.All(section), writer);
            }
        }

        TrailingTermsReader.Read(writer, lastContentLine);
        UnlabelledValueRecognizer.Recognize(writer.Orphans, writer);
        ProseFactReader.Read(writer.ProseLines, writer);
        PartyReader.RankSponsors(writer);
        PartyReader.ApplyPendingClass(writer);
        TruncatedPageCheck.Check(sections, writer);
    }

    private static void Read(PageSection section, RecordWriter writer)
    {
        var record = writer.Record;
        var eligibility = record.Eligibility;
        switch (section.Field)
        {
            case not (PageField.ArmGroups or PageField.ArmsTable) when section.Shape == LabelShape.PipeTable:
                TableReader.Read(section, writer);
                return;
            case PageField.StudyDesign when section.InlineValues.Count > 0:
                // "Study design: Randomised, double-blind" names several design values on one line.
                foreach (var part in section.InlineValues.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                {
                    writer.Orphans.Add((section.LabelLine! with { Text = part, Content = part }, PageField.StudyDesign));
                }

                return;
            case PageField.Unlabelled or PageField.ValueBlock or PageField.StudyDesign:
                foreach (var line in SectionValues.All(section))
                {
                    writer.Orphans.Add((line, section.Field));
                }

                return;
            case PageField.Ignored or PageField.OtherTrials:
                return;
            case PageField.Unknown when CheckboxGridReader.TryRead(section, writer):
                return;
            case PageField.Unknown:
                writer.Warn(null, $"Section '{section.LabelText}' (line {section.LabelLine!.Number}) was not understood; its lines were not read", section.LabelLine.Number);
                return;
            case PageField.Identifiers or PageField.OtherIdentifiers:
                OtherIdentifierBlock.Read(SectionValues.All(section), writer);
                return;
            case PageField.BriefSummary or PageField.DetailedDescription when SectionValues.Paragraphs(section) is { } paragraphs:
                var isSummary = section.Field == PageField.BriefSummary;
                writer.ProseLines.AddRange(SectionValues.All(section));
                writer.Set(isSummary ? "briefSummary" : "detailedDescription", isSummary ? record.BriefSummary : record.DetailedDescription, paragraphs.Text, v =>
                {
                    if (isSummary)
                    {
                        record.BriefSummary = v;
                    }
                    else
                    {
                        record.DetailedDescription = v;
                    }
                }, paragraphs.Span);
                return;
            case PageField.Conditions or PageField.Keywords or PageField.Countries:
                ReadList(section, writer);
                return;
            case PageField.StatusAndPhase:
                foreach (var line in SectionValues.All(section))
                {
                    if (StatusNormalizer.TryParse(line.Content, out var status))
                    {
                        FieldWriters.Status(line.Content, status, LineSpan.Of(line), writer);
                    }
                    else
                    {
                        FieldWriters.Phases(line.Content, line, writer);
                    }
                }

                return;
            case PageField.Interventions:
                InterventionReader.ReadSection(SectionValues.All(section), writer);
                return;
            case PageField.PrimaryOutcomes or PageField.SecondaryOutcomes or PageField.OtherOutcomes:
                var kind = section.Field switch
                {
                    PageField.PrimaryOutcomes => OutcomeKind.Primary,
                    PageField.SecondaryOutcomes => OutcomeKind.Secondary,
                    _ => OutcomeKind.Other,
                };
                OutcomeReader.Read(SectionValues.All(section), kind, writer);
                return;
            case PageField.Sex when SectionValues.All(section) is { Count: > 1 } sexes
                && ParticipantNormalizer.TryParseSex(string.Join(" ", sexes.Select(l => l.Content)), out var sex):
                // "Gender / Female / Male" (CTIS): one sex a line, together the eligible sexes.
                writer.Set("eligibility.sex", eligibility.Sex, sex, v => eligibility.Sex = v, LineSpan.Of(sexes));
                return;
            case PageField.Inclusion or PageField.Exclusion:
                ReadCriteria(section, writer);
                return;
            case PageField.Eligibility when SectionValues.Paragraphs(section) is { } criteria:
                writer.Set("eligibility.criteriaText", eligibility.CriteriaText, criteria.Text, v => eligibility.CriteriaText = v, criteria.Span);
                return;
            case PageField.Sponsors or PageField.Collaborators:
                PartyReader.Sponsors(SectionValues.All(section), writer, allCollaborators: section.Field == PageField.Collaborators);
                return;
            case PageField.Officials:
                PartyReader.Officials(section, writer);
                return;
            case PageField.CentralContact:
                PartyReader.CentralContacts(section, writer);
                return;
            case PageField.Locations:
                LocationBlockParser.Read(SectionValues.All(section), writer);
                return;
            case PageField.References:
                DisclosureReader.References(SectionValues.All(section), writer);
                return;
            case PageField.IpdPlan or PageField.IpdDescription or PageField.IpdInfoTypes or PageField.IpdTimeFrame or PageField.IpdAccessCriteria or PageField.IpdUrl:
                DisclosureReader.Ipd(section.Field, section, writer);
                return;
        }

        if (SectionValues.Single(section, writer) is { } value)
        {
            SingleValueReader.Read(section, value, writer);
        }
    }

    private static void ReadList(PageSection section, RecordWriter writer)
    {
        var record = writer.Record;
        var (field, list) = section.Field switch
        {
            PageField.Conditions => ("conditions", record.Conditions),
            PageField.Keywords => ("keywords", record.Keywords),
            _ => ("countries", record.Countries),
        };
        // "Conditions: Gout; Asthma" holds its whole list on the label's line: lines below it are not more items.
        var values = SectionValues.All(section);
        if (section.Shape is LabelShape.Colon or LabelShape.PipeRow && section.InlineValues.Count > 0)
        {
            values.Skip(section.InlineValues.Count).ToList().ForEach(l => writer.Orphans.Add((l, section.Field)));
            values = values.Take(section.InlineValues.Count).ToList();
        }

        foreach (var line in values.Where(l => !l.Content.All(char.IsAsciiDigit)))
        {
            // A bare number is the index of a repeated group ("Health conditions studied / 1 / ..." on IRCT), not an item.
            // An inline list ("Conditions: Asthma; COPD") is separated by semicolons; commas belong to names ("Myositis, Inclusion Body").
            foreach (var item in line.Content.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Two items whose separator was lost ("Cancer CachexiaNon-Small Cell Lung Cancer") split at the case join.
                var guesses = new List<string>();
                foreach (var term in TermLineSplitter.SplitJoinedItem(item, guesses))
                {
                    writer.Add(field, list, term, LineSpan.Of(line));
                }

                if (guesses.Count > 0)
                {
                    writer.Warn(field, $"Line {line.Number}: {string.Join("; ", guesses)}, as two {field} run together", line.Number);
                }
            }
        }
    }

    private static void ReadCriteria(PageSection section, RecordWriter writer)
    {
        var eligibility = writer.Record.Eligibility;
        var isInclusion = section.Field == PageField.Inclusion;
        var (items, leftovers) = CriteriaListParser.Parse(SectionValues.All(section));
        var list = isInclusion ? eligibility.Inclusion : eligibility.Exclusion;
        foreach (var (text, span) in items)
        {
            list.Add(text);
            writer.Trace($"eligibility.{(isInclusion ? "inclusion" : "exclusion")}[{list.Count - 1}]", span);
        }

        foreach (var line in leftovers)
        {
            writer.Orphans.Add((line, section.Field));
        }
    }
}
