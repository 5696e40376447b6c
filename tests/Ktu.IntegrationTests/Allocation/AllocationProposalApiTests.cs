using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Allocation;

public sealed class AllocationProposalApiTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Url = "/api/v1/allocation/proposal";

    /// <summary>Trøndelag 2025 in small: kr 415 000 earmarked for respite models, two municipalities' lines.</summary>
    private static readonly object Scenario = new
    {
        pot = 1_000_000,
        earmarks = new[] { new { theme = "avlastning", amount = 415_000 } },
        lines = new object[]
        {
            new { id = "tr-vgs-cont", applicant = "Trondheim", kind = "competence", educationType = "vgs", continuation = true, district = false, amountApplied = 300_000, score = 4 },
            new { id = "tr-vgs-new", applicant = "Trondheim", kind = "competence", educationType = "vgs", continuation = false, district = false, amountApplied = 300_000, score = 4 },
            new { id = "ro-leaders", applicant = "Røros", kind = "bpa", bpaRole = "workLeader", continuation = false, district = true, amountApplied = 60_000, score = 5 },
            new { id = "ro-respite", applicant = "Røros", kind = "project", theme = "avlastning", continuation = false, district = true, amountApplied = 250_000, score = 3 },
            new { id = "tr-project", applicant = "Trondheim", kind = "project", continuation = false, district = false, amountApplied = 400_000, score = 0 },
        },
    };

    [Fact]
    public async Task A_case_officer_gets_a_proposal_with_amounts_and_reasons_for_every_line()
    {
        var api = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var response = await api.PostAsJsonAsync(Url, Scenario);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var lines = body.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("id").GetString()!);
        Assert.Equal(["tr-vgs-cont", "tr-vgs-new", "ro-leaders", "ro-respite", "tr-project"], lines.Keys);
        Assert.All(lines.Values, l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("reason").GetString())));

        Assert.Equal(250_000, lines["ro-respite"].GetProperty("amountProposed").GetInt64());
        Assert.Equal("fundedInFull", lines["ro-respite"].GetProperty("outcome").GetString());
        // The theme's name comes from the scheme year.
        Assert.Equal("Dekket av øremerkede midler til modeller for fleksible kommunale avlastningstilbud for pårørende.", lines["ro-respite"].GetProperty("reason").GetString());
        Assert.Equal(0, lines["tr-project"].GetProperty("amountProposed").GetInt64());
        Assert.Equal("notFundedScoreZero", lines["tr-project"].GetProperty("outcome").GetString());
        // General money 585 000: the work leaders are covered, the rest of the vgs pool goes to continuations first.
        Assert.Equal(60_000, lines["ro-leaders"].GetProperty("amountProposed").GetInt64());
        Assert.Equal(300_000, lines["tr-vgs-cont"].GetProperty("amountProposed").GetInt64());
        Assert.Equal(225_000, lines["tr-vgs-new"].GetProperty("amountProposed").GetInt64());
        Assert.Equal("reducedByPriority", lines["tr-vgs-new"].GetProperty("outcome").GetString());

        var total = body.GetProperty("totalProposed").GetInt64();
        Assert.Equal(lines.Values.Sum(l => l.GetProperty("amountProposed").GetInt64()), total);
        Assert.Equal(835_000, total);
        Assert.Equal(165_000, body.GetProperty("unallocated").GetInt64());
        var earmark = Assert.Single(body.GetProperty("earmarks").EnumerateArray());
        Assert.Equal("avlastning", earmark.GetProperty("theme").GetString());
        Assert.Equal(250_000, earmark.GetProperty("used").GetInt64());
        Assert.Equal(165_000, earmark.GetProperty("left").GetInt64());
        Assert.Equal(1_000, body.GetProperty("settings").GetProperty("roundingUnit").GetInt64());
    }

    [Fact]
    public async Task Settings_can_be_changed_for_one_scenario()
    {
        var api = await factory.CreateApiClientAsync("direktorat@demo.ktu");
        var response = await api.PostAsJsonAsync(Url, new
        {
            pot = 100_000,
            lines = new[]
            {
                new { id = "a", applicant = "Osen", kind = "project", continuation = false, district = false, amountApplied = 150_000, score = 3 },
                new { id = "b", applicant = "Osen", kind = "project", continuation = false, district = false, amountApplied = 150_000, score = 3 },
                new { id = "c", applicant = "Osen", kind = "project", continuation = false, district = false, amountApplied = 150_000, score = 3 },
            },
            settings = new { roundingUnit = 1 },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(100_000, body.GetProperty("totalProposed").GetInt64());
        Assert.Equal(1, body.GetProperty("settings").GetProperty("roundingUnit").GetInt64());
        Assert.Equal(10_000, body.GetProperty("settings").GetProperty("minimumAmount").GetInt64());
    }

    [Fact]
    public async Task Invalid_input_is_answered_with_the_fields_and_what_is_wrong_in_norwegian()
    {
        var api = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var response = await api.PostAsJsonAsync(Url, new
        {
            pot = -5,
            lines = new object[]
            {
                new { id = "a", applicant = "Osen", kind = "innovation", continuation = false, district = false, amountApplied = 10_000, score = 3 },
                new { id = "b", applicant = "Osen", kind = "project", continuation = false, district = false, score = 3 },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Forslaget kunne ikke beregnes. Rett feltene som er nevnt, og prøv igjen.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("Ukjent type «innovation».", errors.GetProperty("lines[0].kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Oppgi søkt beløp i hele kroner.", errors.GetProperty("lines[1].amountApplied")[0].GetString());

        var shape = await api.PostAsJsonAsync(Url, new
        {
            pot = -5,
            lines = new[]
            {
                new { id = "a", applicant = "Osen", kind = "project", continuation = false, district = false, amountApplied = 10_000, score = 9 },
                new { id = "a", applicant = "Osen", kind = "project", continuation = false, district = false, amountApplied = 10_000, score = 1 },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        var rules = (await shape.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Beløpet kan ikke være negativt.", rules.GetProperty("pot")[0].GetString());
        Assert.Equal("Poeng må være et helt tall fra 0 til 5.", rules.GetProperty("lines[0].score")[0].GetString());
        Assert.StartsWith("Id-en «a» er brukt på flere linjer.", rules.GetProperty("lines[1].id")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"pot\": \"a million\", \"lines\": []}")]
    [InlineData("{\"pot\": 1, \"lines\": [{\"score\": 2.5}]}")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_the_expected_json_is_a_bad_request(string json)
    {
        var api = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await api.PostAsync(Url, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_applicant_may_not_run_scenarios()
    {
        var api = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        var response = await api.PostAsJsonAsync(Url, Scenario);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_is_asked_to_sign_in()
    {
        var response = await factory.CreateBrowserClient().PostAsJsonAsync(Url, Scenario);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
