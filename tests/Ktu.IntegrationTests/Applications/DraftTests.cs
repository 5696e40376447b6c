using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>Starting, reading and saving drafts. Each test uses its own municipality, since each may have one application a year.</summary>
public sealed class DraftTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task Starting_gives_201_and_starting_again_gives_409_with_the_existing_id()
    {
        var api = await factory.ApplicantAsync("5001");
        var created = await StartAsync(api);
        Assert.Equal("draft", created["status"]!.GetValue<string>());
        Assert.Equal(OpenYear, created["schemeYear"]!.GetValue<int>());
        Assert.Equal("942110464", created["organisation"]!["orgNumber"]!.GetValue<string>());
        Assert.Equal("Trondheim", created["organisation"]!["name"]!.GetValue<string>());
        Assert.Equal("trondelag", created["receivingEmbete"]!["id"]!.GetValue<string>());

        var again = await api.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await ReadAsync(again);
        Assert.Equal(Id(created), problem["id"]!.GetValue<string>());
        Assert.Equal("application-exists", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_colleagues_starting_at_once_get_the_same_application()
    {
        var one = await factory.ApplicantAsync("5041");
        var other = await factory.ApplicantAsync("5041");

        var responses = await Task.WhenAll(
            one.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear }),
            other.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear }));

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var existing = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(Id(await ReadAsync(created)), (await ReadAsync(existing))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_saved_draft_reads_back_as_typed_with_a_new_version_and_totals()
    {
        var api = await factory.ApplicantAsync("5007");
        var draft = await StartAsync(api);

        var saved = await SaveAsync(api, Complete(draft));
        var read = await GetAsync(api, Id(draft));

        Assert.Equal(Version(draft) + 1, Version(saved));
        Assert.Equal(Version(saved), Version(read));
        Assert.Equal(ValidAccount, read["accountNumber"]!.GetValue<string>());
        var measure = read["competenceMeasures"]![0]!;
        Assert.Equal("videreutdanning", measure["educationType"]!.GetValue<string>());
        Assert.Equal("Videreutdanning i palliativ omsorg", measure["description"]!.GetValue<string>());
        Assert.Equal(90_000, measure["amount"]!.GetValue<long>());
        Assert.Equal(3, measure["persons"]!.GetValue<int>());
        Assert.Equal("workLeader", read["bpaTrainings"]![0]!["role"]!.GetValue<string>());
        Assert.Equal(20_000, read["bpaTrainings"]![0]!["total"]!.GetValue<long>());
        var summary = read["summary"]!;
        Assert.Equal(90_000, summary["competence"]!.GetValue<long>());
        Assert.Equal(20_000, summary["bpa"]!.GetValue<long>());
        Assert.Equal(150_000, summary["projects"]!.GetValue<long>());
        Assert.Equal(260_000, summary["total"]!.GetValue<long>());
        Assert.DoesNotContain(Issues(read), i => i["severity"]!.GetValue<string>() == "error");
    }

    [Fact]
    public async Task An_incomplete_draft_is_saved_and_lists_what_is_missing()
    {
        var api = await factory.ApplicantAsync("5014");
        var draft = await StartAsync(api);
        draft["description"] = "Bare litt så langt";

        var saved = await SaveAsync(api, draft);

        Assert.Equal("Bare litt så langt", saved["description"]!.GetValue<string>());
        Assert.True(HasIssue(saved, "", "nothing-applied-for"));
        Assert.True(HasIssue(saved, "accountNumber", "account-number-missing"));
        Assert.True(HasIssue(saved, "contact.email", "contact-email-missing"));
        Assert.All(Issues(saved), i =>
        {
            Assert.Contains(i["severity"]!.GetValue<string>(), new[] { "error", "warning", "info" });
            Assert.False(string.IsNullOrWhiteSpace(i["message"]!.GetValue<string>()));
        });
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_409_and_neither_save_is_lost()
    {
        var first = await factory.ApplicantAsync("5020");
        var second = await factory.ApplicantAsync("5020");
        var draft = await StartAsync(first);
        var mine = await GetAsync(first, Id(draft));
        var theirs = await GetAsync(second, Id(draft));

        mine["description"] = "Skrevet av den første";
        await SaveAsync(first, mine);
        theirs["description"] = "Skrevet av den andre";
        var late = await PutAsync(second, theirs);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await ReadAsync(late);
        Assert.Equal("version-conflict", problem["code"]!.GetValue<string>());
        Assert.Equal("Skrevet av den første", problem["current"]!["description"]!.GetValue<string>());
        Assert.Equal("Skrevet av den første", (await GetAsync(first, Id(draft)))["description"]!.GetValue<string>());

        // The later writer still has its text and saves it on top of the current version.
        theirs["version"] = problem["currentVersion"]!.GetValue<int>();
        var merged = await SaveAsync(second, theirs);
        Assert.Equal("Skrevet av den andre", merged["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_simultaneous_saves_of_the_same_version_give_one_save_and_one_conflict()
    {
        var api = await factory.ApplicantAsync("5021");
        var draft = await StartAsync(api);
        var a = draft.DeepClone().AsObject();
        var b = draft.DeepClone().AsObject();
        a["description"] = "A";
        b["description"] = "B";

        var responses = await Task.WhenAll(PutAsync(api, a), PutAsync(api, b));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var stored = await GetAsync(api, Id(draft));
        Assert.Equal(Version(draft) + 1, Version(stored));
    }

    [Fact]
    public async Task Wrong_input_is_saved_as_typed_and_each_mistake_gets_a_norwegian_message()
    {
        var api = await factory.ApplicantAsync("5022");
        var draft = Complete(await StartAsync(api));
        draft["accountNumber"] = "12345678901";
        draft["competenceMeasures"] = new JsonArray(
            new JsonObject { ["educationType"] = "videreutdanning", ["description"] = "Minus", ["amount"] = -5_000, ["persons"] = 1 },
            new JsonObject { ["educationType"] = "ukjent-type", ["description"] = "Ukjent", ["amount"] = 10_000, ["persons"] = 1 },
            new JsonObject { ["educationType"] = "bachelor", ["description"] = "Ingen personer", ["amount"] = 30_000, ["persons"] = 0 });
        draft["projects"] = new JsonArray(Project(1), Project(2), Project(2), Project(3), Project(4), Project(5));

        var saved = await SaveAsync(api, draft);

        Assert.Equal("12345678901", saved["accountNumber"]!.GetValue<string>());
        Assert.Equal(-5_000, saved["competenceMeasures"]![0]!["amount"]!.GetValue<long>());
        Assert.Equal(6, saved["projects"]!.AsArray().Count);
        Assert.True(HasIssue(saved, "accountNumber", "account-number-invalid"));
        Assert.True(HasIssue(saved, "competenceMeasures[0].amount", "amount-negative"));
        Assert.True(HasIssue(saved, "competenceMeasures[1].educationType", "education-type-unknown"));
        Assert.True(HasIssue(saved, "competenceMeasures[2].persons", "persons-needed"));
        Assert.True(HasIssue(saved, "projects[5]", "too-many-projects"));
        Assert.True(HasIssue(saved, "projects[2].priority", "priority-duplicate"));
        Assert.All(Issues(saved), i => Assert.DoesNotMatch("[A-Za-z]+Exception", i["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Html_in_a_text_is_stored_as_typed_returned_json_escaped_and_flagged()
    {
        var api = await factory.ApplicantAsync("5025");
        var draft = await StartAsync(api);
        const string typed = "<script>alert('x')</script> & <b>fet</b>";
        const string unusual = "Ref\u0000 \t \U0001F600 æøå \"sitat\"";
        draft["description"] = typed;
        draft["paymentRemark"] = unusual;

        var response = await PutAsync(api, draft);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003E", raw, StringComparison.Ordinal);
        var saved = JsonNode.Parse(raw)!.AsObject();
        Assert.Equal(typed, saved["description"]!.GetValue<string>());
        Assert.True(HasIssue(saved, "description", "text-contains-markup"));
        var read = await GetAsync(api, Id(draft));
        Assert.Equal(typed, read["description"]!.GetValue<string>());
        Assert.Equal(unusual, read["paymentRemark"]!.GetValue<string>()); // NUL too: PostgreSQL text cannot hold it unescaped
    }

    [Fact]
    public async Task A_megabyte_of_text_gives_400_naming_the_field_and_leaves_the_draft_as_it_was()
    {
        var api = await factory.ApplicantAsync("5026");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        var huge = draft.DeepClone().AsObject();
        huge["projects"]![0]!["description"] = new string('x', 1024 * 1024);

        var response = await PutAsync(api, huge);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadAsync(response);
        var message = problem["errors"]!["projects[0].description"]![0]!.GetValue<string>();
        Assert.Contains("for lang", message, StringComparison.Ordinal);
        var stored = await GetAsync(api, Id(draft));
        Assert.Equal(Version(draft), Version(stored));
        Assert.Equal("Vi prøver ut digitalt tilsyn i to soner.", stored["projects"]![0]!["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"90 000\"")]
    [InlineData("\"nitti tusen\"")]
    [InlineData("9.5")]
    [InlineData("1e30")]
    public async Task A_non_numeric_amount_gives_400_naming_the_field(string amount)
    {
        var api = await factory.ApplicantAsync("5027");
        var draft = await EnsureStartedAsync(api);
        var body = $$"""{"version": {{Version(draft)}}, "competenceMeasures": [{"educationType": "videreutdanning", "amount": {{amount}}, "persons": 3}]}""";

        var response = await api.PutAsync($"/api/v1/applications/{Id(draft)}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadAsync(response);
        Assert.True(problem["errors"]?["competenceMeasures[0].amount"] is not null, problem.ToJsonString());
        var message = problem["errors"]!["competenceMeasures[0].amount"]![0]!.GetValue<string>();
        Assert.Contains("helt tall", message, StringComparison.Ordinal);
        Assert.Equal(Version(draft), Version(await GetAsync(api, Id(draft))));
    }

    [Fact]
    public async Task An_absurd_amount_gives_400_and_a_huge_list_is_refused()
    {
        var api = await factory.ApplicantAsync("5028");
        var draft = await StartAsync(api);
        var absurd = draft.DeepClone().AsObject();
        absurd["competenceMeasures"] = new JsonArray(new JsonObject { ["educationType"] = "abc", ["amount"] = 5_000_000_000, ["persons"] = 1 });

        var response = await PutAsync(api, absurd);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ReadAsync(response))["errors"]!["competenceMeasures[0].amount"]);
    }

    [Fact]
    public async Task Another_municipality_gets_404_for_everything_about_the_application()
    {
        var owner = await factory.ApplicantAsync("5029");
        var draft = await SaveAsync(owner, Complete(await StartAsync(owner)));
        var steinkjer = await factory.ApplicantAsync("5006");
        var id = Id(draft);

        Assert.Equal(HttpStatusCode.NotFound, (await steinkjer.GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(steinkjer, draft)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SubmitAsync(steinkjer, id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steinkjer.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steinkjer.GetAsync($"/api/v1/applications/{id}/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steinkjer.GetAsync($"/api/v1/applications/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal("draft", (await GetAsync(owner, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_case_officers_get_403()
    {
        var anonymous = factory.CreateBrowserClient();
        var officer = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/applications/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear })).StatusCode);
    }

    [Fact]
    public async Task A_closed_or_unknown_year_cannot_be_started()
    {
        var api = await factory.ApplicantAsync("5031");

        var closed = await api.PostAsJsonAsync("/api/v1/applications", new { schemeYear = 2025 });
        var unknown = await api.PostAsJsonAsync("/api/v1/applications", new { schemeYear = 1999 });
        var missing = await api.PostAsJsonAsync("/api/v1/applications", new { });

        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("deadline-passed", (await ReadAsync(closed))["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_application_endpoints()
    {
        var doc = await ReadAsync(await factory.CreateBrowserClient().GetAsync("/openapi/v1.json"));
        var paths = doc["paths"]!.AsObject();

        Assert.NotNull(paths["/api/v1/applications"]!["post"]);
        Assert.NotNull(paths["/api/v1/applications/{id}"]!["put"]!["requestBody"]);
        Assert.NotNull(paths["/api/v1/applications/{id}/submit"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(doc["components"]!["schemas"]!["ApplicationDocument"]);
    }

    private static async Task<JsonObject> EnsureStartedAsync(HttpClient api)
    {
        var response = await api.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear });
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return await ReadAsync(response);
        }
        return await GetAsync(api, (await ReadAsync(response))["id"]!.GetValue<string>());
    }
}
