using System.Net;
using System.Text;
using FhirTrials.Api.Match;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Api.Tests.Match;

/// <summary>
/// ResearchStudy/$match over real HTTP on <see cref="MatchData"/>: patients at the edges of the seed and CT.gov test
/// trials' criteria, with the studies expected and their reasons; GET, POST Parameters and POST Bundle.
/// </summary>
public abstract class MatchTests(IApiServer server)
{
    private readonly IApiServer _server = server;

    [Theory]
    [InlineData(40, true, "age 40 within 40 to 65 years")]
    [InlineData(65, true, "age 65 within 40 to 65 years")]
    [InlineData(39, false, null)]
    [InlineData(66, false, null)]
    public async System.Threading.Tasks.Task A_woman_at_the_age_limits_of_the_type_2_diabetes_study_matches_inside_and_not_one_year_outside(int age, bool matches, string? reason)
    {
        var bundle = await GetMatchAsync($"age={age}&gender=female&condition=Type%202%20diabetes");

        Assert.Equal(matches, Ids(bundle).Contains(MatchData.Women));
        if (reason is not null)
        {
            Assert.Equal(("met", reason), Criterion(bundle, MatchData.Women, "age"));
        }

        // The 18+ study on diabetes mellitus (a MeSH ancestor) is there whatever the age, as a weaker match.
        Assert.Contains(MatchData.Diabetes, Ids(bundle));
        Assert.DoesNotContain(MatchData.Completed, Ids(bundle));
    }

    [Fact]
    public async System.Threading.Tasks.Task Type_2_diabetes_finds_the_exact_study_first_and_the_MeSH_ancestor_study_as_a_weaker_match()
    {
        var bundle = await GetMatchAsync("age=50&gender=female&condition=Type%202%20diabetes");

        var exact = Entry(bundle, MatchData.Women);
        var broader = Entry(bundle, MatchData.Diabetes);
        Assert.True(exact.Search!.Score > broader.Search!.Score, $"{exact.Search.Score} <= {broader.Search.Score}");
        Assert.Equal(("met", "'Type 2 diabetes' matches the study condition 'Type 2 Diabetes'"), Criterion(bundle, MatchData.Women, "condition"));
        var (outcome, reason) = Criterion(bundle, MatchData.Diabetes, "condition");
        Assert.Equal("met", outcome);
        Assert.Contains("falls under the study condition 'Diabetes Mellitus' (MeSH ancestor D003920): a broader match", reason, StringComparison.Ordinal);
        Assert.All(bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match), e => Assert.InRange(e.Search!.Score!.Value, 0m, 1m));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_man_is_excluded_from_the_study_for_women_but_not_from_the_study_for_all()
    {
        var bundle = await GetMatchAsync("age=50&gender=male&condition=Type%202%20diabetes");

        Assert.DoesNotContain(MatchData.Women, Ids(bundle));
        Assert.Equal(("met", "the study takes all sexes"), Criterion(bundle, MatchData.Diabetes, "sex"));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_completed_study_never_matches()
    {
        // A patient who meets every other criterion of the completed study (18-90, all sexes, type 2 diabetes, Lyon site).
        var bundle = await GetMatchAsync("age=50&gender=female&condition=Type%202%20diabetes&near=45.7793|4.8254|5|km&healthy-volunteer=true&_count=100");

        Assert.DoesNotContain(MatchData.Completed, Ids(bundle));
        using var client = new FhirClient(_server.FhirBase);
        var searched = await client.SearchAsync<ResearchStudy>(["condition-word=diabetes", "eligible-age=50"]);
        Assert.Contains(MatchData.Completed, searched!.Entry.Select(e => e.Resource!.Id));
    }

    [Theory]
    [InlineData(45, true)]
    [InlineData(80, true)]
    [InlineData(44, false)]
    [InlineData(81, false)]
    public async System.Threading.Tasks.Task The_seed_myositis_trial_takes_ages_45_to_80(int age, bool matches)
    {
        var bundle = await GetMatchAsync($"age={age}&gender=male&condition=inclusion%20body%20myositis");

        Assert.Equal(matches, Ids(bundle).Contains(MatchData.Myositis));
        if (matches)
        {
            Assert.Equal(("met", $"age {age} within 45 to 80 years"), Criterion(bundle, MatchData.Myositis, "age"));
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task A_healthy_volunteer_finds_only_studies_that_accept_healthy_volunteers()
    {
        var bundle = await GetMatchAsync("age=30&gender=female&healthy-volunteer=true");

        Assert.Contains(MatchData.SclerosisHealthy, Ids(bundle));
        Assert.Equal(("met", "the study accepts healthy volunteers"), Criterion(bundle, MatchData.SclerosisHealthy, "healthy-volunteers"));
        Assert.Contains(MatchData.Diabetes, Ids(bundle));
        Assert.DoesNotContain(MatchData.Women, Ids(bundle)); // says no (and 30 is under 40)
        Assert.DoesNotContain(MatchData.Myositis, Ids(bundle)); // says no
        Assert.Equal(("unknown", "the study does not say whether it accepts healthy volunteers"), Criterion(bundle, MatchData.MultipleSclerosis, "healthy-volunteers"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Distance_is_met_near_a_site_unknown_for_sites_without_a_position_and_excludes_when_every_site_is_far()
    {
        var lyon = await GetMatchAsync("age=50&gender=female&condition=diabetes&near=45.76|4.84|50|km");
        Assert.Equal(("met", "site within 50 km: 4 km, Lyon, FR"), Criterion(lyon, MatchData.Women, "distance"));
        Assert.Equal(("unknown", "no positioned site within 50 km; nearest 360 km, Toulouse, FR (from the city centre: the site's own position is not given); 1 site without a position (distance unknown)"),
            Criterion(lyon, MatchData.Diabetes, "distance"));

        var paris = await GetMatchAsync("age=50&gender=female&condition=diabetes&address-city=Paris&address-country=France&distance=50");
        Assert.DoesNotContain(MatchData.Women, Ids(paris)); // Lyon 392 km, Toulouse 589 km: both placed, both far
        Assert.Contains(MatchData.Diabetes, Ids(paris)); // one site cannot be placed: unknown, not far

        var toulouse = await GetMatchAsync("age=50&gender=female&condition=diabetes&address-city=Toulouse&address-country=FR&distance=20");
        Assert.Equal(("met", "site within 20 km: 0 km, Toulouse, FR (from the city centre: the site's own position is not given)"), Criterion(toulouse, MatchData.Women, "distance"));
    }

    [Fact]
    public async System.Threading.Tasks.Task The_same_question_through_search_parameters_gives_the_same_studies()
    {
        using var client = new FhirClient(_server.FhirBase);
        async Task<List<string>> Search(params string[] criteria) =>
            (await client.SearchAsync<ResearchStudy>(criteria, pageSize: 100))!.Entry.Select(e => e.Resource!.Id!).Order(StringComparer.Ordinal).ToList();

        Assert.Contains(MatchData.Women, await Search("eligible-age=40", "eligible-sex=female", "condition-word=diabetes"));
        Assert.Contains(MatchData.Women, await Search("eligible-age=65", "eligible-sex=female"));
        Assert.DoesNotContain(MatchData.Women, await Search("eligible-age=39"));
        Assert.DoesNotContain(MatchData.Women, await Search("eligible-age=66"));
        Assert.DoesNotContain(MatchData.Women, await Search("eligible-sex=male"));
        Assert.Contains(MatchData.Diabetes, await Search("eligible-sex=male", "eligible-age=99"));
        Assert.Equal([MatchData.SclerosisHealthy, MatchData.Diabetes, MatchData.Completed], await Search("healthy-volunteers=true"));
        Assert.Contains(MatchData.Women, await Search("site-status=recruiting"));
        Assert.Equal([MatchData.Women], await Search("site-near=45.76|4.84|10|km"));
        Assert.Equal([MatchData.Women, MatchData.Diabetes], await Search("site-near=43.6|1.44|20|km"));
        Assert.Equal([MatchData.Women, MatchData.Completed], await Search("condition-ancestor=D003920"));

        var matched = Ids(await GetMatchAsync("age=40&gender=female&condition=diabetes")).Order(StringComparer.Ordinal).ToList();
        var searched = await Search("eligible-age=40", "eligible-sex=female", "condition-word=diabetes", "status=active,approved");
        Assert.Equal(searched, matched);

        var locations = await client.SearchAsync<Location>(["near=45.76|4.84|10|km"]);
        Assert.Equal(["Lyon"], locations!.Entry.Select(e => ((Location)e.Resource!).Address!.City).Distinct());
    }

    [Fact]
    public async System.Threading.Tasks.Task A_FHIR_client_posts_a_Parameters_resource_with_a_patient_and_a_condition()
    {
        using var client = new FhirClient(_server.FhirBase);
        var parameters = new Parameters();
        parameters.Add("patient", Patient(65));
        parameters.Add("condition", Condition("44054006", "Diabetes mellitus type 2"));
        parameters.Add("near", new FhirString("45.76|4.84|30|km"));

        var result = await client.TypeOperationAsync<ResearchStudy>("match", parameters);

        var bundle = Assert.IsType<Bundle>(result);
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(("met", "age 65 within 40 to 65 years"), Criterion(bundle, MatchData.Women, "age"));
        Assert.Equal(("met", "'Diabetes mellitus type 2' matches the study condition 'Type 2 Diabetes'"), Criterion(bundle, MatchData.Women, "condition"));
        Assert.Equal(MatchData.Women, Ids(bundle)[0]);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_FHIR_client_posts_a_Bundle_holding_the_patient_and_conditions()
    {
        var patient = Patient(66);
        var input = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = "urn:uuid:8c1f7e2a-0000-4000-8000-000000000001", Resource = patient },
                new Bundle.EntryComponent { FullUrl = "urn:uuid:8c1f7e2a-0000-4000-8000-000000000002", Resource = Condition("E11.9", "Type 2 diabetes mellitus without complications", "http://hl7.org/fhir/sid/icd-10") },
            ],
        };
        using var client = new FhirClient(_server.FhirBase);
        var parameters = new Parameters();
        parameters.Add("bundle", input);

        var viaParameters = Assert.IsType<Bundle>(await client.TypeOperationAsync<ResearchStudy>("match", parameters));

        Assert.DoesNotContain(MatchData.Women, Ids(viaParameters)); // 66: one year over
        Assert.Contains(MatchData.Diabetes, Ids(viaParameters));

        using var http = new HttpClient();
        using var content = new StringContent(new FhirJsonSerializer().SerializeToString(input), Encoding.UTF8, "application/fhir+json");
        using var response = await http.PostAsync(new Uri(_server.FhirBase, "ResearchStudy/$match"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await FhirAssert.ReadStrictAsync<Bundle>(response);
        Assert.Equal(Ids(viaParameters), Ids(posted));
    }

    [Fact]
    public async System.Threading.Tasks.Task Pages_follow_count_and_include_adds_the_sites()
    {
        using var client = new FhirClient(_server.FhirBase);
        var first = await GetMatchAsync("age=50&gender=female&condition=diabetes&_count=1&_include=ResearchStudy:site");

        Assert.Single(first.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Match);
        Assert.Contains(first.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Include && e.Resource is Location);
        Assert.Equal(2, first.Total);
        var second = await client.ContinueAsync(first);
        Assert.NotNull(second);
        var all = Ids(first).Concat(Ids(second!)).ToList();
        Assert.Equal([MatchData.Women, MatchData.Diabetes], all);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_operation_is_declared_and_bad_input_is_a_400_naming_the_parameter()
    {
        using var client = new FhirClient(_server.FhirBase);
        var capabilities = await client.CapabilityStatementAsync();
        var operation = capabilities!.Rest[0].Resource.Single(r => r.Type == "ResearchStudy").Operation.Single(o => o.Name == "match");
        Assert.Equal(MatchOperationDefinition.Url, operation.Definition);
        var definition = await client.ReadAsync<OperationDefinition>("OperationDefinition/" + MatchOperationDefinition.Id);
        Assert.Equal("match", definition!.Code);
        var parameter = await client.ReadAsync<SearchParameter>("SearchParameter/ResearchStudy-eligible-age");
        Assert.Equal(SearchParamType.Number, parameter!.Type);

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/$match?age=old"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
        Assert.Contains("age must be whole years", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private static Patient Patient(int age) => new()
    {
        Gender = AdministrativeGender.Female,
        BirthDate = DateTime.UtcNow.Date.AddYears(-age).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Condition Condition(string code, string display, string system = "http://snomed.info/sct") => new()
    {
        Subject = new ResourceReference("Patient/example"),
        Code = new CodeableConcept { Coding = [new Coding(system, code, display)] },
    };

    private async Task<Bundle> GetMatchAsync(string query)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/$match?" + query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirAssert.ReadStrictAsync<Bundle>(response);
    }

    private static List<string> Ids(Bundle bundle) =>
        bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id!).ToList();

    private static Bundle.EntryComponent Entry(Bundle bundle, string id) =>
        bundle.Entry.Single(e => e.Search?.Mode == Bundle.SearchEntryMode.Match && e.Resource!.Id == id);

    private static (string Outcome, string Reason) Criterion(Bundle bundle, string id, string criterion)
    {
        var extension = Entry(bundle, id).Search!.Extension
            .Single(e => e.Url == MatchBundleBuilder.CriterionUrl && e.GetExtensionValue<Code>("criterion").Value == criterion);
        return (extension.GetExtensionValue<Code>("outcome").Value!, extension.GetExtensionValue<FhirString>("reason").Value!);
    }
}

public sealed class MatchTestsOnServerHost(MatchServer seeded) : MatchTests(seeded.Server), IClassFixture<MatchServer>;

public sealed class MatchTestsOnFunctionsHost(MatchFunctionsApp seeded) : MatchTests(seeded.Server), IClassFixture<MatchFunctionsApp>;
