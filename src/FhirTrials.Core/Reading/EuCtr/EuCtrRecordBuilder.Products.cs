using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.EuCtr;

// Section B (sponsors, contact point) and section D (investigational medicinal products, placebo).
internal sealed partial class EuCtrRecordBuilder
{
    private void ReadParties()
    {
        if (_blocks.FirstOrDefault(b => b.Value("B.1.1") is not null) is not { } block)
        {
            return;
        }

        var names = block.All("B.1.1").Select(f => EuCtrBlock.Meaningful(f.Value)).ToList();
        var statuses = block.All("B.3.1").Select(f => EuCtrBlock.Meaningful(f.Value)).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is not { } name)
            {
                continue;
            }

            var party = new Party(name, EuCtrVocabulary.SponsorClass(i < statuses.Count ? statuses[i] : null));
            if (_record.LeadSponsor is null)
            {
                _record.LeadSponsor = party;
                Cite("leadSponsor", block.Find("B.1.1")!);
            }
            else if (!_record.Collaborators.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) && !string.Equals(_record.LeadSponsor.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                _record.Collaborators.Add(party);
            }
        }

        // B.5: the sponsor's contact point for information on the trial; often a function ("Clinical Trial Management").
        var contactName = block.Value("B.5.2") ?? block.Value("B.5.1");
        if (contactName is not null)
        {
            _record.CentralContacts.Add(new Contact(contactName, Phone: block.Value("B.5.4"), Email: block.Value("B.5.6")));
            Cite("centralContacts[0]", block.Find("B.5.2") ?? block.Find("B.5.1")!);
        }
    }

    private void ReadProducts()
    {
        foreach (var block in _blocks)
        {
            foreach (var product in Products(block))
            {
                AddProduct(product);
            }
        }

        var placebo = _blocks.SelectMany(b => b.All("D.8.1")).FirstOrDefault(f => f.Value.Trim().Equals("Yes", StringComparison.OrdinalIgnoreCase));
        if (placebo is not null && !_record.Interventions.Any(i => i.Name.Equals("Placebo", StringComparison.OrdinalIgnoreCase)))
        {
            var block = _blocks.First(b => b.Fields.Contains(placebo));
            _record.Interventions.Add(new Intervention
            {
                Name = "Placebo",
                Type = InterventionType.Drug,
                Description = Describe(block.Value("D.8.3"), block.Value("D.8.4")),
            });
        }
    }

    /// <summary>The products of one block, each the run of D fields after its "D.IMP: n" line.</summary>
    private static IEnumerable<List<EuCtrField>> Products(EuCtrBlock block)
    {
        List<EuCtrField>? product = null;
        foreach (var field in block.Fields)
        {
            if (field.Code == "D.IMP")
            {
                if (product is not null)
                {
                    yield return product;
                }

                product = [];
            }
            else if (product is not null && field.Code.StartsWith("D.", StringComparison.Ordinal) && !field.Code.StartsWith("D.8", StringComparison.Ordinal))
            {
                product.Add(field);
            }
            else if (product is not null && field.Code is not ("#" or "D"))
            {
                yield return product;
                product = null;
            }
        }

        if (product is not null)
        {
            yield return product;
        }
    }

    private void AddProduct(List<EuCtrField> fields)
    {
        // "D.3.8 to D.3.10 IMP Identification Details" heads the INN field "D.3.8 INN - Proposed INN": first with a value.
        string? Value(string code) => fields.Where(f => f.Code == code && f.IsEnglish).Select(f => EuCtrBlock.Meaningful(f.Value)).FirstOrDefault(v => v is not null);
        bool Yes(string code) => Value(code) is { } v && v.Equals("Yes", StringComparison.OrdinalIgnoreCase);

        var names = new[] { Value("D.3.1"), Value("D.2.1.1.1"), Value("D.3.8"), Value("D.3.9.3"), Value("D.3.2"), Value("D.3.9.2") }
            .OfType<string>().Select(EuCtrCriteria.Clean).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count == 0)
        {
            return;
        }

        var intervention = _record.Interventions.FirstOrDefault(i => names.Contains(i.Name, StringComparer.OrdinalIgnoreCase));
        if (intervention is null)
        {
            intervention = new Intervention
            {
                Name = names[0],
                Type = Yes("D.3.11.3.2") || Yes("D.3.11.10") ? InterventionType.Genetic
                    : Yes("D.3.11.3") || Yes("D.3.11.2") || Yes("D.3.11.6") ? InterventionType.Biological
                    : InterventionType.Drug,
                Description = Describe(Value("D.3.4"), Value("D.3.7")),
            };
            _record.Interventions.Add(intervention);
        }

        foreach (var name in names.Where(n => !n.Equals(intervention.Name, StringComparison.OrdinalIgnoreCase)))
        {
            if (!intervention.OtherNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                intervention.OtherNames.Add(name);
            }
        }
    }

    /// <summary>"Film-coated tablet; Oral use": the pharmaceutical form and the routes, as the register words them.</summary>
    private static string? Describe(string? form, string? routes)
    {
        var parts = new[] { form, routes is null ? null : string.Join(", ", routes.Split('\n').Select(EuCtrCriteria.Clean).Where(r => r.Length > 0)) }
            .Where(p => !string.IsNullOrWhiteSpace(p));
        var text = string.Join("; ", parts);
        return text.Length == 0 ? null : text;
    }
}
