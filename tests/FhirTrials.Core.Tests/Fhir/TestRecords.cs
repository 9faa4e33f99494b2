using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Fhir;

/// <summary>Hand-built trial records for the mapper tests: Rich() sets every field the record model has.</summary>
internal static class TestRecords
{
    public const string Hash = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";

    public static readonly DateTimeOffset Recorded = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static TrialRecord Rich()
    {
        var record = new TrialRecord
        {
            Source = new SourceInfo("ctgov-NCT05032131.txt", Hash, DocumentFormat.Text, "ctgov-classic-page", "1.0.0",
                "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT05032131"),
            BriefTitle = "ADSVF in Inclusion Body Myositis",
            OfficialTitle = "Safety of Autologous Adipose-Derived Stromal Vascular Fraction <ADSVF> Injections in Inclusion Body Myositis",
            Acronym = "MYOCYTES",
            Status = RecruitmentStatus.Recruiting,
            StatusText = "Recruiting",
            WhyStopped = null,
            StudyType = StudyType.Interventional,
            Enrollment = new Enrollment(12, EnrollmentKind.Estimated),
            BriefSummary = "A pilot study of ADSVF & muscle function.",
            DetailedDescription = "Patients receive **one** injection.\n\nThey are followed for 12 months.",
            LeadSponsor = new Party("Assistance Publique - Hôpitaux de Paris", "OTHER"),
            ResponsibleParty = new ResponsibleParty(ResponsiblePartyType.Sponsor),
            IpdSharing = new IpdSharing { Plan = IpdPlan.No, Description = "No plan to share." },
            IsFdaRegulatedDrug = false,
            IsFdaRegulatedDevice = false,
        };
        record.Identifiers.Add(new TrialIdentifier("NCT05032131", IdentifierKind.Nct));
        record.Identifiers.Add(new TrialIdentifier("2021-000123-45", IdentifierKind.EudraCt, "EudraCT Number"));
        record.Identifiers.Add(new TrialIdentifier("APHP200581", IdentifierKind.SponsorProtocol));
        record.Identifiers.Add(new TrialIdentifier("2024-518516-39-00", IdentifierKind.EuCt));
        record.Phases.AddRange([TrialPhase.Phase1, TrialPhase.Phase2]);
        record.Design.Allocation = Allocation.Randomized;
        record.Design.InterventionModel = InterventionModel.Parallel;
        record.Design.InterventionModelDescription = "Two parallel arms";
        record.Design.Masking = Masking.Quadruple;
        record.Design.MaskedRoles.AddRange([MaskedRole.Participant, MaskedRole.CareProvider, MaskedRole.Investigator, MaskedRole.OutcomesAssessor]);
        record.Design.PrimaryPurpose = PrimaryPurpose.Treatment;
        record.Dates.Start = new TrialDate(2022, 3, 15, DateKind.Actual);
        record.Dates.PrimaryCompletion = new TrialDate(2025, 3, Kind: DateKind.Estimated);
        record.Dates.Completion = new TrialDate(2025, 9, Kind: DateKind.Estimated);
        record.Dates.FirstPosted = new TrialDate(2021, 9, 2);
        record.Conditions.AddRange(["Inclusion Body Myositis", "Muscle weakness"]);
        record.Keywords.AddRange(["cell therapy", "adipose"]);
        record.ConditionMeshTerms.Add(new MeshTerm("Inclusion Body Myositis", "D018979"));
        record.ConditionMeshTerms.Add(new MeshTerm("Myositis", "D009220"));
        record.InterventionMeshTerms.Add(new MeshTerm("Stromal Vascular Fraction"));
        var adsvf = new Intervention { Name = "ADSVF", Type = InterventionType.Biological, Description = "Single injection of 40 ml into the quadriceps" };
        adsvf.ArmLabels.Add("ADSVF");
        adsvf.OtherNames.Add("Autologous adipose-derived SVF");
        var placebo = new Intervention { Name = "Placebo", Type = InterventionType.Drug, Description = "Saline" };
        var rehab = new Intervention { Name = "Standard physiotherapy", Type = InterventionType.Behavioral };
        record.Interventions.AddRange([adsvf, placebo, rehab]);
        var experimental = new ArmGroup { Label = "ADSVF", Type = ArmType.Experimental, Description = "Receives ADSVF" };
        var control = new ArmGroup { Label = "Placebo", Type = ArmType.PlaceboComparator, Description = "Receives saline" };
        control.InterventionNames.Add("placebo");
        var cohort = new ArmGroup { Label = "Observation", TypeText = "Cohort" };
        record.Arms.AddRange([experimental, control, cohort]);
        record.Outcomes.Add(new Outcome { Kind = OutcomeKind.Primary, Measure = "Number of adverse events", TimeFrame = "12 months", Description = "Graded with CTCAE v5" });
        record.Outcomes.Add(new Outcome { Kind = OutcomeKind.Secondary, Measure = "Quadriceps strength", TimeFrame = "Baseline, Month 3, Month 6" });
        record.Outcomes.Add(new Outcome { Kind = OutcomeKind.Other, Measure = "Quality of life" });
        record.Eligibility.Inclusion.AddRange(["Age ≥ 45 years", "Diagnosis of IBM (ENMC 2011 criteria)"]);
        record.Eligibility.Exclusion.AddRange(["Pregnancy", "Active cancer < 5 years"]);
        record.Eligibility.MinimumAge = new Age(45, AgeUnit.Years);
        record.Eligibility.MaximumAge = new Age(85, AgeUnit.Years);
        record.Eligibility.Sex = Sex.All;
        record.Eligibility.HealthyVolunteers = false;
        record.Eligibility.StandardAges.AddRange(["Adult", "Older Adult"]);
        record.Eligibility.StudyPopulation = "Outpatients of the neuromuscular centre";
        record.Collaborators.Add(new Party("Cellectis", "INDUSTRY"));
        record.Collaborators.Add(new Party("National Institutes of Health (NIH)", "NIH"));
        record.Officials.Add(new Investigator("Philippe Menasché, MD, PhD", OfficialRole.PrincipalInvestigator, "Hôpital Européen Georges Pompidou"));
        record.Officials.Add(new Investigator("Dr. Jane Doe", OfficialRole.StudyDirector));
        record.CentralContacts.Add(new Contact("Claire Martin", ContactRole.Contact, "+33 1 42 16 00 00", "123", "claire.martin@aphp.fr"));
        var site = new Site { Facility = "Hôpital Pitié-Salpêtrière", City = "Paris", PostalCode = "75013", Country = "France", Status = RecruitmentStatus.Recruiting };
        site.Contacts.Add(new Contact("Olivier Benveniste", ContactRole.PrincipalInvestigator, Email: "olivier.benveniste@aphp.fr"));
        var secondSite = new Site { Facility = "Massachusetts General Hospital", City = "Boston", State = "Massachusetts", Country = "United States", Status = RecruitmentStatus.NotYetRecruiting };
        record.Locations.AddRange([site, secondSite]);
        record.Countries.AddRange(["France", "United States", "Atlantis"]);
        record.References.Add(new Citation("Benveniste O, et al. Long-term follow-up. Brain. 2021.", Pmid: "33826710", Type: ReferenceType.Background));
        record.References.Add(new Citation("Doe J. Cell therapy review.", Doi: "10.1000/xyz123", Type: ReferenceType.Result));
        return record;
    }

    /// <summary>What a poor text page gives: an NCT number and a title.</summary>
    public static TrialRecord Sparse(string nct = "NCT06592703")
    {
        var record = new TrialRecord
        {
            Source = new SourceInfo("page.txt", Hash, DocumentFormat.Text, "labelled-page", "1.0.0"),
            BriefTitle = "Allogenic ASCs in primary progressive MS",
        };
        record.Identifiers.Add(new TrialIdentifier(nct, IdentifierKind.Nct));
        return record;
    }
}
