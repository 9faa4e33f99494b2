namespace FhirTrials.Core.Records;

/// <param name="Name">Organisation name.</param>
/// <param name="Class">Agency class as CT.gov words it: INDUSTRY, NIH, FED, OTHER_GOV, NETWORK, OTHER, ...</param>
public sealed record Party(string Name, string? Class = null);

public sealed record ResponsibleParty(
    ResponsiblePartyType? Type,
    string? InvestigatorName = null,
    string? InvestigatorTitle = null,
    string? InvestigatorAffiliation = null,
    string? OrganizationName = null);

/// <param name="Name">Person's name as written, degrees included (e.g. "Philippe Menasché, MD, PhD").</param>
public sealed record Investigator(string Name, OfficialRole Role, string? Affiliation = null);

public sealed record Contact(
    string Name,
    ContactRole Role = ContactRole.Contact,
    string? Phone = null,
    string? PhoneExtension = null,
    string? Email = null);

public sealed class Site
{
    public string? Facility { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public RecruitmentStatus? Status { get; set; }
    /// <summary>The site's position as the source gives it (CT.gov v2 <c>geoPoint</c>), WGS84 degrees.</summary>
    public Matching.GeoPoint? Position { get; set; }
    public List<Contact> Contacts { get; } = [];
}

/// <param name="Text">The citation as written.</param>
public sealed record Citation(string Text, string? Pmid = null, string? Doi = null, ReferenceType? Type = null);

public sealed class IpdSharing
{
    public IpdPlan? Plan { get; set; }
    public string? Description { get; set; }
    /// <summary>Supporting documents: Study Protocol, SAP, ICF, CSR, Analytic Code.</summary>
    public List<string> InfoTypes { get; } = [];
    public string? TimeFrame { get; set; }
    public string? AccessCriteria { get; set; }
    public string? Url { get; set; }
}
