using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;

namespace Ktu.IntegrationTests.Applications;

/// <summary>Small helpers for the applications API, so each test reads as the steps a user takes.</summary>
internal static class ApplicationApi
{
    public const int OpenYear = 2027;

    /// <summary>Valid by MOD11: weights 5 4 3 2 7 6 5 4 3 2 give 195, 195 mod 11 = 8, check digit 11 - 8 = 3.</summary>
    public const string ValidAccount = CompleteApplication.ValidAccount;

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

    /// <summary>Fills a document with a complete, valid application (<see cref="CompleteApplication"/>).</summary>
    public static JsonObject Complete(JsonObject document) => CompleteApplication.Fill(document);

    public static JsonObject Project(int priority) => CompleteApplication.Project(priority);

    public static IEnumerable<JsonObject> Issues(JsonObject document) =>
        document["issues"]!.AsArray().Select(i => i!.AsObject());

    public static bool HasIssue(JsonObject document, string field, string code) =>
        Issues(document).Any(i => i["field"]!.GetValue<string>() == field && i["code"]!.GetValue<string>() == code);

    public static Task<HttpClient> ApplicantAsync(this KtuFactory factory, string municipalityNumber) =>
        factory.CreateApiClientAsync($"soker.{municipalityNumber}@demo.ktu");

    public static JsonElement Element(JsonObject o) => JsonSerializer.Deserialize<JsonElement>(o.ToJsonString());
}
