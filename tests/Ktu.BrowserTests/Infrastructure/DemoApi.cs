using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.TestSupport;

namespace Ktu.BrowserTests.Infrastructure;

/// <summary>
/// The quickest real path to what a browser test does not test: the app's own JSON API, logged in as a demo
/// user with a bearer token. Applications are submitted, assessed and approved here so the browser can start
/// where the test's story starts.
/// </summary>
internal static class DemoApi
{
    /// <summary>A client for the app's API, logged in as <paramref name="email"/> (a demo account).</summary>
    public static async Task<HttpClient> LogInAsync(Uri baseAddress, string email)
    {
        var api = Anonymous(baseAddress);
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = BrowserTest.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await ReadAsync(login))["accessToken"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    /// <summary>
    /// A client for the app's API as an organisation's own system: a token by OAuth 2.0 client credentials (the shape of
    /// Maskinporten) from <c>/api/v1/auth/token</c>, with the id and secret the administrator was shown when registering it.
    /// </summary>
    public static async Task<HttpClient> LogInAsSystemAsync(Uri baseAddress, string clientId, string clientSecret)
    {
        var api = Anonymous(baseAddress);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        var issued = await api.PostAsync("/api/v1/auth/token", form);
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var token = (await ReadAsync(issued))["access_token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    private static HttpClient Anonymous(Uri baseAddress)
    {
#pragma warning disable CA5400 // the host's certificate is a throw-away self-signed one
#pragma warning disable CA2000 // the client owns and disposes the handler
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
#pragma warning restore CA2000
#pragma warning restore CA5400
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
    }

    /// <summary>Starts, fills and submits a complete application over the JSON API, as the municipality's demo applicant; returns its id.</summary>
    public static async Task<string> SubmitCompleteApplicationAsync(Uri baseAddress, string municipality, int year)
    {
        using var api = await LogInAsync(baseAddress, $"soker.{municipality}@demo.ktu");
        var started = await api.PostAsJsonAsync("/api/v1/applications", new { schemeYear = year });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var document = Complete(await ReadAsync(started));
        var id = document["id"]!.GetValue<string>();
        var saved = await api.PutAsync($"/api/v1/applications/{id}", new StringContent(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var submitted = await api.PostAsync($"/api/v1/applications/{id}/submit", null);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>
    /// The embete's leader gives each case to the case officer, who declares impartiality and gives every line of every application
    /// <paramref name="score"/> (amounts as applied), marks the cases assessed and sends the allocation to approval;
    /// then the approver approves it, which makes the decisions.
    /// </summary>
    public static async Task AssessAndApproveAsync(BrowserFixture fixture, string embete, int year, IEnumerable<string> applicationIds, int score = 4)
    {
        var baseAddress = fixture.BaseAddress;
        using var officer = await LogInAsync(baseAddress, $"saksbehandler.{embete}@demo.ktu");
        foreach (var id in applicationIds)
        {
            await AssignAsync(baseAddress, embete, id);
            var declared = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/impartiality", new { conflict = false });
            Assert.True(declared.IsSuccessStatusCode, await declared.Content.ReadAsStringAsync());
            var view = await ReadAsync(await officer.GetAsync($"/api/v1/cases/{id}"));
            var lines = view["lines"]!.AsArray().Select(l => new { lineId = l!["id"]!.GetValue<string>(), score }).ToArray();
            var assessed = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true });
            Assert.True(assessed.IsSuccessStatusCode, await assessed.Content.ReadAsStringAsync());
        }
        var round = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{year}"));
        Assert.Empty(round["blockers"]!.AsArray());
        var submitted = await officer.PostAsJsonAsync($"/api/v1/allocations/{year}/submit", new { version = round["version"]!.GetValue<int>() });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());

        await fixture.PassApplicationDeadlineAsync(embete, year);
        using var approver = await LogInAsync(baseAddress, $"leder.{embete}@demo.ktu");
        var approved = await approver.PostAsJsonAsync($"/api/v1/allocations/{year}/approve", new { version = (await ReadAsync(submitted))["version"]!.GetValue<int>() });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
    }

    /// <summary>As the embete's leader (leder.{embete}): gives the case to the embete's case officer (saksbehandler.{embete}).</summary>
    public static async Task AssignAsync(Uri baseAddress, string embete, string applicationId)
    {
        var officerEmail = $"saksbehandler.{embete}@demo.ktu";
        using var leader = await LogInAsync(baseAddress, $"leder.{embete}@demo.ktu");
        var users = JsonNode.Parse(await leader.GetStringAsync(new Uri($"/api/v1/admin/users?q={Uri.EscapeDataString(officerEmail)}", UriKind.Relative)))!.AsArray();
        var officerId = users.Single(u => u!["email"]!.GetValue<string>() == officerEmail)!["id"]!.GetValue<string>();
        var assigned = await leader.PostAsJsonAsync($"/api/v1/cases/{applicationId}/assignment", new { officerId });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>A complete application of three lines: competence kr 90 000 (new persons only), BPA kr 20 000 and one project kr 150 000.</summary>
    private static JsonObject Complete(JsonObject document) => CompleteApplication.Fill(document, continuingPersons: 0);
}
