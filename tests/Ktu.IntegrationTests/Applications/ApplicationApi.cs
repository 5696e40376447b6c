using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Applications;

/// <summary>Small helpers for the applications API, so each test reads as the steps a user takes.</summary>
internal static class ApplicationApi
{
    public const int OpenYear = 2027;

    /// <summary>Valid by MOD11: weights 5 4 3 2 7 6 5 4 3 2 give 195, 195 mod 11 = 8, check digit 11 - 8 = 3.</summary>
    public const string ValidAccount = "12345678903";

    public static async Task<JsonObject> StartAsync(HttpClient api, int year = OpenYear)
    {
        var response = await api.PostAsJsonAsync("/api/v1/applications", new { schemeYear = year });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync(response);
    }

    public static async Task<JsonObject> GetAsync(HttpClient api, string id)
    {
        var response = await api.GetAsync($"/api/v1/applications/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient api, JsonObject document) =>
        api.PutAsync($"/api/v1/applications/{Id(document)}", Json(document));

    public static async Task<JsonObject> SaveAsync(HttpClient api, JsonObject document)
    {
        var response = await PutAsync(api, document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient api, string id, int? version = null) =>
        api.PostAsync($"/api/v1/applications/{id}/submit", version is null ? null : Json(new JsonObject { ["version"] = version }));

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static string Id(JsonObject document) => document["id"]!.GetValue<string>();

    public static int Version(JsonObject document) => document["version"]!.GetValue<int>();

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Fills a document with a complete, valid application: the seed's example "NOK 90 000 for 3 employees taking further education in palliative care".</summary>
    public static JsonObject Complete(JsonObject document)
    {
        document["accountNumber"] = ValidAccount;
        document["paymentRemark"] = "KTU 2027";
        document["contact"] = new JsonObject { ["name"] = "Kari Kontakt", ["email"] = "kari.kontakt@example.org", ["phone"] = "400 00 000" };
        document["competencePlanAdopted"] = true;
        document["description"] = "Videreutdanning for ansatte i hjemmetjenesten og opplæring av BPA-arbeidsledere.";
        document["competenceMeasures"] = new JsonArray(new JsonObject
        {
            ["educationType"] = "videreutdanning",
            ["description"] = "Videreutdanning i palliativ omsorg",
            ["amount"] = 90_000,
            ["persons"] = 3,
            ["continuingPersons"] = 1,
        });
        document["bpaTrainings"] = new JsonArray(new JsonObject { ["role"] = "workLeader", ["persons"] = 4, ["amountPerPerson"] = 5_000 });
        document["projects"] = new JsonArray(Project(1));
        return document;
    }

    public static JsonObject Project(int priority) => new()
    {
        ["priority"] = priority,
        ["title"] = $"Tiltak {priority}: Velferdsteknologi i hjemmetjenesten",
        ["themes"] = new JsonArray("forebygging", "parorende"),
        ["purpose"] = "Flere skal kunne bo hjemme lenger.",
        ["description"] = "Vi prøver ut digitalt tilsyn i to soner.",
        ["criteria"] = new JsonObject
        {
            ["needsAndChallenges"] = "Mangel på personell om natten.",
            ["goalsAndTargetGroups"] = "Hjemmeboende med demens og deres pårørende.",
            ["organisationAndPartners"] = "Hjemmetjenesten med NTNU og frivilligsentralen.",
            ["expectedGains"] = "Færre unødige besøk, tryggere brukere.",
            ["anchoring"] = "Vedtatt i kommunedirektørens ledergruppe.",
            ["userParticipation"] = "Brukerrådet og pårørende deltar i utprøvingen.",
        },
        ["budget"] = new JsonArray(
            new JsonObject { ["item"] = "Prosjektleder 20 %", ["amount"] = 150_000 },
            new JsonObject { ["item"] = "Utstyr", ["amount"] = 50_000 }),
        ["ownFinancing"] = 50_000,
        ["amountApplied"] = 150_000,
        ["controlMeasures"] = "Månedlig rapport til enhetsleder; revisor kontrollerer regnskapet.",
        ["signedBy"] = new JsonObject { ["name"] = "Kommunedirektøren", ["role"] = "Kommunedirektør" },
    };

    public static IEnumerable<JsonObject> Issues(JsonObject document) =>
        document["issues"]!.AsArray().Select(i => i!.AsObject());

    public static bool HasIssue(JsonObject document, string field, string code) =>
        Issues(document).Any(i => i["field"]!.GetValue<string>() == field && i["code"]!.GetValue<string>() == code);

    public static Task<HttpClient> ApplicantAsync(this KtuFactory factory, string municipalityNumber) =>
        factory.CreateApiClientAsync($"soker.{municipalityNumber}@demo.ktu");

    public static JsonElement Element(JsonObject o) => JsonSerializer.Deserialize<JsonElement>(o.ToJsonString());
}
