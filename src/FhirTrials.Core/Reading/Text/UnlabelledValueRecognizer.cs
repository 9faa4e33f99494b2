using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Gives meaning to lines no label claims, only with evidence from their shape or vocabulary: an NCT id, a status,
/// a phase, an age range or single ages (first is the minimum), a sex, an enrollment count, a study type; in a design
/// block the allocation, model, purpose and masking in that order; "measure [ Time Frame: ... ]" outcome lines; prose
/// under no heading as the summary; in a block of bare values, a condition-shaped name (<see cref="ValueEvidence"/>)
/// and an organisation-shaped name as the sponsor. Every value found here was inferred, not read from a label, and
/// carries a warning saying so (<see cref="RecordWriter.Infer"/>). A date with no label is reported, not guessed.
/// </summary>
internal static class UnlabelledValueRecognizer
{
    private const int ProseLength = 80;

    /// <summary>Short values the recogniser would claim (used to end a criteria list that has no closing label).</summary>
    public static bool IsKnownValue(string text) =>
        text.Length <= 40 && (AgeNormalizer.TryParseAge(text, out _) || AgeNormalizer.TryParseRange(text, out _)
            || ParticipantNormalizer.TryParseSex(text, out _) || ParticipantNormalizer.TryParseHealthyVolunteers(text, out _)
            || StatusNormalizer.TryParse(text, out _) || PhaseNormalizer.TryParse(text, out _));

    public static void Recognize(IEnumerable<(PageLine Line, PageField Context)> orphans, RecordWriter writer)
    {
        var record = writer.Record;
        var summary = new List<PageLine>();
        var summaryClosed = false;
        foreach (var (line, context) in orphans.OrderBy(o => o.Line.Number))
        {
            var text = line.Content;
            var span = LineSpan.Of(line);
            if (OutcomeLineParser.HasTimeFrame(text))
            {
                AddOutcome(line, writer);
                continue;
            }

            // Prose under no heading (a page that lost its "Brief Summary" label): one run of consecutive lines.
            var isProse = text.Length >= ProseLength && context is not (PageField.Preamble or PageField.ValueBlock) && !line.HasPipe;
            if (isProse && record.BriefSummary is null && !summaryClosed && (summary.Count == 0 || line.Number - summary[^1].Number <= 2))
            {
                summary.Add(line);
                continue;
            }

            summaryClosed |= summary.Count > 0;
            // A "Study design" label names the block: its values are read from that label, by their order.
            if (context == PageField.StudyDesign && TryDesign(text, span, writer))
            {
                continue;
            }

            if (!TryVocabulary(line, context, writer))
            {
                if (IsSentence(text))
                {
                    // A plain sentence no label claims may still state a fact ("About 46 people will take part.").
                    writer.ProseLines.Add(line);
                }

                if (context == PageField.ValueBlock && !line.HasPipe && ValueEvidence.LooksLikeCondition(text, record.BriefTitle ?? record.OfficialTitle))
                {
                    // "Study details" blocks list the condition studied by name.
                    writer.Add("conditions", record.Conditions, text, span);
                    writer.Infer("conditions", line, text);
                }
                else if (context != PageField.Preamble)
                {
                    writer.Warn(null, $"Line {line.Number} is under no label and was not understood: '{Shorten(text)}'", line.Number);
                }
            }
        }

        if (summary.Count > 0
            && writer.Set("briefSummary", record.BriefSummary, string.Join("\n\n", summary.Select(l => l.Content)), v => record.BriefSummary = v, LineSpan.Of(summary)))
        {
            writer.Infer("briefSummary", summary[0], summary[0].Content, "paragraph");
            writer.ProseLines.AddRange(summary);
        }
    }

    private static bool TryVocabulary(PageLine line, PageField context, RecordWriter writer)
    {
        var record = writer.Record;
        var text = line.Content;
        var span = LineSpan.Of(line);
        if (IdentifierParser.TryRegistryId(text, out var identifier))
        {
            if (!record.Identifiers.Any(i => string.Equals(i.Value, identifier.Value, StringComparison.OrdinalIgnoreCase)))
            {
                FieldWriters.Identifier(identifier, span, writer);
                writer.Infer("identifiers", line, text);
            }
        }
        else if (StatusNormalizer.TryParse(text, out var status) && text.Length < 40)
        {
            Inferred(writer, "status", line, FieldWriters.Status(text, status, span, writer));
        }
        else if (PhaseNormalizer.TryParse(text, out var phases))
        {
            var added = false;
            foreach (var phase in phases.Where(p => !record.Phases.Contains(p)))
            {
                writer.Add("phases", record.Phases, phase, span);
                added = true;
            }

            Inferred(writer, "phases", line, added);
        }
        // An age needs its unit or an age word as evidence: "24-187" is a protocol number, not an age range.
        else if (text.Any(char.IsLetter) && AgeNormalizer.TryParseRange(text, out var range))
        {
            var eligibility = record.Eligibility;
            var (hadMin, hadMax) = (eligibility.MinimumAge is not null, eligibility.MaximumAge is not null);
            FieldWriters.Ages(range!, span, writer);
            Inferred(writer, "eligibility.minimumAge", line, !hadMin && eligibility.MinimumAge is not null);
            Inferred(writer, "eligibility.maximumAge", line, !hadMax && eligibility.MaximumAge is not null);
        }
        else if (text.Any(char.IsLetter) && AgeNormalizer.TryParseAge(text, out var age))
        {
            // Bare ages come in order: the minimum, then the maximum; an age the page already gave is not a new one.
            var eligibility = record.Eligibility;
            if (eligibility.MinimumAge is null)
            {
                Inferred(writer, "eligibility.minimumAge", line, writer.Set("eligibility.minimumAge", null, age!, v => eligibility.MinimumAge = v, span));
            }
            else if (!Equals(eligibility.MinimumAge, age))
            {
                Inferred(writer, "eligibility.maximumAge", line, writer.Set("eligibility.maximumAge", eligibility.MaximumAge, age!, v => eligibility.MaximumAge = v, span));
            }
        }
        else if (ParticipantNormalizer.TryParseSex(text, out var sex))
        {
            Inferred(writer, "eligibility.sex", line, writer.Set("eligibility.sex", record.Eligibility.Sex, sex, v => record.Eligibility.Sex = v, span));
        }
        else if (TryHealthyVolunteers(text, context, out var healthy))
        {
            Inferred(writer, "eligibility.healthyVolunteers", line,
                writer.Set("eligibility.healthyVolunteers", record.Eligibility.HealthyVolunteers, healthy, v => record.Eligibility.HealthyVolunteers = v, span));
        }
        // A count needs its count word ("12 participants"): a bare "2318" may be any number.
        else if (text.Any(char.IsLetter) && EnrollmentNormalizer.TryParse(text, EnrollmentKind.Unspecified, out var enrollment))
        {
            Inferred(writer, "enrollment", line, writer.Set("enrollment", record.Enrollment, enrollment!, v => record.Enrollment = v, span));
        }
        else if (DesignNormalizer.TryParseStudyType(text, out var type) && text.Length < 40)
        {
            Inferred(writer, "studyType", line, writer.Set("studyType", record.StudyType, type, v => record.StudyType = v, span));
        }
        else if (DateNormalizer.TryParse(text, out var date) && text.Any(char.IsAsciiDigit) && text.Length < 40)
        {
            writer.Warn(null, $"Date '{text}' (line {line.Number}) has no label saying what it is; it was not assigned", line.Number);
        }
        else if (context is PageField.Preamble or PageField.ValueBlock && record.LeadSponsor is null && ValueEvidence.LooksLikeSponsor(text))
        {
            Inferred(writer, "leadSponsor", line, writer.Set("leadSponsor", null, new Party(text), v => record.LeadSponsor = v, span));
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void Inferred(RecordWriter writer, string field, PageLine line, bool written)
    {
        if (written)
        {
            writer.Infer(field, line, line.Content);
        }
    }

    // Design blocks without labels print allocation, intervention model, primary purpose and masking in that order.
    private static bool TryDesign(string text, LineSpan span, RecordWriter writer)
    {
        var design = writer.Record.Design;
        if (design.Allocation is null && DesignNormalizer.TryParseAllocation(text, out var allocation))
        {
            return writer.Set("design.allocation", null, allocation, v => design.Allocation = v, span);
        }

        if (design.InterventionModel is null && DesignNormalizer.TryParseInterventionModel(text, out var model))
        {
            return writer.Set("design.interventionModel", null, model, v => design.InterventionModel = v, span);
        }

        if (design.PrimaryPurpose is null && DesignNormalizer.TryParsePrimaryPurpose(text, out var purpose))
        {
            return writer.Set("design.primaryPurpose", null, purpose, v => design.PrimaryPurpose = v, span);
        }

        if (design.Masking is null && DesignNormalizer.TryParseMasking(text, out var masking, out var roles))
        {
            design.MaskedRoles.AddRange(roles);
            return writer.Set("design.masking", null, masking, v => design.Masking = v, span);
        }

        return false;
    }

    // A bare "Yes"/"No" means healthy volunteers only where the eligibility values are printed.
    private static bool TryHealthyVolunteers(string text, PageField context, out bool accepts)
    {
        accepts = false;
        var bare = TextKey.Of(text) is "yes" or "no";
        return (!bare || context is PageField.Inclusion or PageField.Exclusion or PageField.Eligibility)
            && ParticipantNormalizer.TryParseHealthyVolunteers(text, out accepts);
    }

    private static void AddOutcome(PageLine line, RecordWriter writer)
    {
        var (measure, timeFrame, description) = OutcomeLineParser.Parse(line.Content);
        writer.Record.Outcomes.Add(new Outcome { Kind = OutcomeKind.Unspecified, Measure = measure, TimeFrame = timeFrame, Description = description });
        writer.Trace($"outcomes[{writer.Record.Outcomes.Count - 1}]", LineSpan.Of(line));
        writer.Infer("outcomes", line, line.Content);
    }

    private static bool IsSentence(string text) => text.EndsWith('.') && text.Split(' ').Length >= 5;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
