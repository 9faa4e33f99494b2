namespace FhirTrials.Core.Reading.Text.Labels;

/// <summary>TRDS items 4-8 (funding, primary and secondary sponsors, public and scientific contacts) and investigators.</summary>
internal static class PartyLabels
{
    public static IReadOnlyList<LabelSet> Sets { get; } =
    [
        new(PageField.Sponsor,
            ["Sponsor", "Lead Sponsor", "Primary sponsor", "Sponsored by", "Name of Sponsor", "Sponsor Institute", "Primary sponsor name", "Sponsor name", "Sponsor or person"],
            German: ["Primärer Sponsor", "Hauptsponsor", "Auftraggeber"],
            French: ["Promoteur", "Promoteur principal"],
            Spanish: ["Patrocinador", "Patrocinador principal", "Promotor"],
            Portuguese: ["Patrocinador", "Patrocinador primário", "Patrocinador principal"]),
        new(PageField.Sponsors,
            ["Sponsors", "Sponsors and Collaborators", "Sponsor and collaborators", "Funders", "Funding", "Funder", "Funder name",
                "Source(s) of Monetary or Material Support", "Source of Monetary or Material Support", "Sources of Monetary or Material Support",
                "Source(s) of Monetary Support", "Source(s) of funding", "Funding source", "Funding sources", "Funding Source", "Funding & Sponsors"],
            German: ["Sponsoren", "Förderer", "Finanzierung", "Finanzierungsquellen", "Geldgeber", "Quellen der finanziellen oder materiellen Unterstützung"],
            French: ["Promoteurs", "Financement", "Financeurs", "Sources de financement", "Source(s) de financement"],
            Spanish: ["Patrocinadores", "Financiación", "Financiamiento", "Fuentes de financiación", "Fuente(s) de financiamiento"],
            Portuguese: ["Patrocinadores", "Financiamento", "Fonte(s) de apoio financeiro ou material", "Apoio(s) financeiro(s) ou material(is)", "Fontes de financiamento"]),
        new(PageField.Collaborators,
            ["Collaborators", "Collaborator", "Secondary sponsor", "Secondary sponsors", "Secondary Sponsor(s)", "Details of Secondary Sponsor",
                "Other related organizations"],
            German: ["Kooperationspartner", "Sekundärer Sponsor", "Sekundäre Sponsoren"],
            French: ["Collaborateurs", "Promoteur secondaire", "Partenaires"],
            Spanish: ["Colaboradores", "Patrocinador secundario", "Patrocinadores secundarios"],
            Portuguese: ["Colaboradores", "Patrocinador secundário", "Patrocinador(es) secundário(s)"]),
        new(PageField.FunderType, ["Funder types", "Funder type", "Sponsor type", "Agency class", "Primary sponsor type"]),
        new(PageField.ResponsibleParty, ["Responsible Party"]),
        new(PageField.Officials,
            ["Principal Investigator", "Principal Investigators", "Principal Investigator(s)", "Investigators", "Study Director", "Study Chair",
                "Study Officials", "Overall Official", "Scientific contact", "Coordinating investigator", "Contact for Scientific Queries",
                "Contact person for scientific queries", "Details of Contact Person Scientific Query", "Study leader",
                "Details of Principal Investigator or overall Trial Coordinator (multi-center study)", "Research contact person"],
            German: ["Studienleiter", "Studienleitung", "Leiter der klinischen Prüfung", "Kontakt für wissenschaftliche Anfragen", "Prüfarzt", "Hauptprüfer"],
            French: ["Investigateur principal", "Investigateur coordonnateur", "Coordonnateur", "Contact scientifique", "Médecin investigateur", "Investigateur"],
            Spanish: ["Investigador principal", "Investigadores", "Contacto para consultas científicas"],
            Portuguese: ["Investigador principal", "Pesquisador principal", "Contato para questões científicas"]),
        new(PageField.CentralContact,
            ["Central trial contact", "Central Contacts", "Central Contact", "Contact", "Contacts", "Study Contact", "Public contact", "Contact person",
                "Contact for public queries", "Contact person for public queries", "Details of Contact Person Public Query", "Contact people",
                "Contact information"],
            German: ["Kontakt", "Ansprechpartner", "Kontaktperson", "Kontakt für öffentliche Anfragen"],
            French: ["Contact", "Contacts", "Personne à contacter", "Contact public"],
            Spanish: ["Contacto", "Contactos", "Persona de contacto", "Contacto para consultas públicas"],
            Portuguese: ["Contato", "Contatos", "Contacto", "Contato para questões públicas", "Pessoa de contato"]),
    ];
}
