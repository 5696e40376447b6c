using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Administration;

/// <summary>
/// An organisation's own system calls the API with OAuth 2.0 client credentials (issue 19): the administrator registers
/// it for one organisation with scopes, it trades id and secret for a short-lived token, reads its own decision, and is
/// refused outside its scopes, on staff endpoints and on another organisation's data; revoking it stops its token at once.
/// The demo report year gives Trondheim a decided application to read.
/// </summary>
public sealed class ApiClientTests : IAsyncLifetime, IDisposable
{
    private const string Route = "/api/v1/admin/api-clients";
    private const string TokenRoute = "/api/v1/auth/token";
    private readonly KtuFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Demo:ReportYear"] = "true";
        await ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_organisations_own_system_reads_its_decision_with_a_client_token()
    {
        var (clientId, secret) = await RegisterAsync("5001", "applications.read", "decisions.read");

        using var tokenResponse = await RequestTokenAsync(clientId, secret, basic: true);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("no-store", tokenResponse.Headers.CacheControl?.ToString());
        var token = await ReadAsync(tokenResponse);
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(600, token["expires_in"]!.GetValue<int>());
        Assert.Equal("applications.read decisions.read", token["scope"]!.GetValue<string>());

        var system = Bearer(token["access_token"]!.GetValue<string>());
        var applications = JsonNode.Parse(await system.GetStringAsync(new Uri("/api/v1/applications", UriKind.Relative)))!.AsArray();
        var application = applications.Single(a => a!["schemeYear"]!.GetValue<int>() == OpenYear - 1)!["id"]!.GetValue<string>();
        using var decision = await system.GetAsync(new Uri($"/api/v1/applications/{application}/decision", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var person = await _factory.ApplicantAsync("5001");
        var seenByPerson = await ReadAsync(await person.GetAsync(new Uri($"/api/v1/applications/{application}/decision", UriKind.Relative)));
        Assert.Equal(seenByPerson["id"]!.GetValue<string>(), (await ReadAsync(decision))["id"]!.GetValue<string>());

        // A token may also ask for fewer scopes than the client has (client_secret_post this time).
        using var narrower = await RequestTokenAsync(clientId, secret, basic: false, scope: "decisions.read");
        Assert.Equal("decisions.read", (await ReadAsync(narrower))["scope"]!.GetValue<string>());

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries.Where(e => e.EntityId == clientId).Select(e => e.Action).ToListAsync();
        Assert.Equal(1, actions.Count(a => a == "api-client.registered"));
        Assert.Equal(2, actions.Count(a => a == "api-client.token-issued"));
        var stored = await db.ApiClients.SingleAsync(c => c.Id == Guid.Parse(clientId));
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secrets_grants_and_scopes_get_the_oauth_error_codes_and_no_token()
    {
        var (clientId, secret) = await RegisterAsync("5001", "decisions.read");
        var anonymous = _factory.CreateBrowserClient();

        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret + "x", basic: true), HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret + "x", basic: false), HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await RequestTokenAsync(Guid.NewGuid().ToString(), secret, basic: false), HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await RequestTokenAsync("ikke-en-klient", "", basic: false), HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret, basic: true, scope: "decisions.read applications.read"), HttpStatusCode.BadRequest, "invalid_scope");
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret, basic: true, scope: "cases.write"), HttpStatusCode.BadRequest, "invalid_scope");
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret, basic: true, grantType: "password"), HttpStatusCode.BadRequest, "unsupported_grant_type");
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret, basic: true, grantType: ""), HttpStatusCode.BadRequest, "invalid_request");
        // A JSON body is not a token request (RFC 6749 asks for a form): routing's content-type check refuses it before the handler.
        using (var json = await anonymous.PostAsJsonAsync(TokenRoute, new { grant_type = "client_credentials", client_id = clientId, client_secret = secret }))
        {
            Assert.False(json.IsSuccessStatusCode);
            Assert.DoesNotContain("access_token", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.EntityId == clientId && e.Action == "api-client.token-issued"));
    }

    [Fact]
    public async Task A_client_token_is_refused_outside_its_scopes_on_staff_endpoints_pages_and_administration()
    {
        var system = await SystemAsync("5001", "decisions.read");
        string[] refused =
        [
            "/api/v1/applications",                       // applications.read, which it does not have
            "/api/v1/me",
            "/api/v1/cases",                              // case handling is never open to clients
            $"/api/v1/reports?year={OpenYear - 1}",
            Route,
            "/soknader",                                  // pages neither
        ];
        foreach (var path in refused)
        {
            using var response = await system.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} gave {(int)response.StatusCode}");
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("scope", (await ReadAsync(response))["title"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
        using var approve = await system.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        using var start = await system.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear });
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
    }

    [Fact]
    public async Task A_client_token_cannot_read_or_write_another_organisations_data()
    {
        var trondheim = await _factory.ApplicantAsync("5001");
        var applications = JsonNode.Parse(await trondheim.GetStringAsync(new Uri("/api/v1/applications", UriKind.Relative)))!.AsArray();
        var application = applications.Single(a => a!["schemeYear"]!.GetValue<int>() == OpenYear - 1)!["id"]!.GetValue<string>();
        var grant = (await ReadAsync(await trondheim.GetAsync(new Uri($"/api/v1/applications/{application}/decision", UriKind.Relative))))["id"]!.GetValue<string>();

        var oslo = await SystemAsync("0301", "applications.read", "decisions.read", "reports.read", "drafts.write");
        foreach (var path in new[] { $"/api/v1/applications/{application}", $"/api/v1/applications/{application}/decision", $"/api/v1/grants/{grant}/letter.pdf", $"/api/v1/grants/{grant}/report" })
        {
            using var response = await oslo.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} gave {(int)response.StatusCode}");
            Assert.DoesNotContain(application, (await response.Content.ReadAsStringAsync()).Replace(path, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
        using var save = await oslo.PutAsJsonAsync($"/api/v1/applications/{application}", new { version = 1 });
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.DoesNotContain(JsonNode.Parse(await oslo.GetStringAsync(new Uri("/api/v1/applications", UriKind.Relative)))!.AsArray(),
            a => a!["id"]!.GetValue<string>() == application);
    }

    [Fact]
    public async Task Revoking_a_client_stops_its_token_at_once_and_it_gets_no_new_one()
    {
        var (clientId, secret) = await RegisterAsync("5001", "applications.read");
        var system = Bearer((await ReadAsync(await RequestTokenAsync(clientId, secret, basic: true)))["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(new Uri("/api/v1/applications", UriKind.Relative))).StatusCode);

        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        using var revoked = await admin.PostAsync(new Uri($"{Route}/{clientId}/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotNull((await ReadAsync(revoked))["revokedAt"]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync(new Uri("/api/v1/applications", UriKind.Relative))).StatusCode);
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret, basic: true), HttpStatusCode.Unauthorized, "invalid_client");
        var listed = JsonNode.Parse(await admin.GetStringAsync(new Uri(Route, UriKind.Relative)))!.AsArray();
        Assert.NotNull(listed.Single(c => c!["clientId"]!.GetValue<string>() == clientId)!["revokedAt"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync(new Uri($"{Route}/{Guid.NewGuid()}/revoke", UriKind.Relative), null)).StatusCode);

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityId == clientId && e.Action == "api-client.revoked");
        Assert.Equal("admin@demo.ktu", entry.ActorEmail);
    }

    [Fact]
    public async Task Registration_is_for_administrators_and_bad_input_gets_norwegian_messages_and_stores_nothing()
    {
        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        var trondheimId = await OrganisationIdAsync("5001");
        var before = await CountAsync();

        var missing = await admin.PostAsJsonAsync(Route, new { name = " ", organisationId = (int?)null, scopes = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await ReadAsync(missing))["errors"]!;
        Assert.Equal("Skriv navnet på systemet.", errors["name"]![0]!.GetValue<string>());
        Assert.Equal("Velg en aktiv organisasjon.", errors["organisationId"]![0]!.GetValue<string>());
        Assert.Equal("Velg minst ett scope.", errors["scopes"]![0]!.GetValue<string>());
        var unknown = await admin.PostAsJsonAsync(Route, new { name = "Fagsystem", organisationId = trondheimId, scopes = new[] { "decisions.read", "cases.write" } });
        Assert.Contains("Ukjent scope «cases.write»", (await ReadAsync(unknown))["errors"]!["scopes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var tooLong = await admin.PostAsJsonAsync(Route, new { name = new string('x', 101), organisationId = trondheimId, scopes = new[] { "decisions.read" } });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        foreach (var email in new[] { "soker.5001@demo.ktu", "leder.trondelag@demo.ktu", "direktorat@demo.ktu" })
        {
            var other = await _factory.CreateApiClientAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync(Route, new { name = "Fagsystem", organisationId = trondheimId, scopes = new[] { "decisions.read" } })).StatusCode);
        }
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_administrator_registers_a_client_on_the_page_sees_the_secret_once_and_revokes_it()
    {
        var browser = await _factory.CreateSignedInBrowserClientAsync("admin@demo.ktu");
        var trondheimId = await OrganisationIdAsync("5001");

        using var registered = await PostPageAsync(browser, "?handler=Register", new Dictionary<string, string>
        {
            ["Name"] = "Sidekommunens fagsystem",
            ["OrganisationId"] = trondheimId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scopes"] = "decisions.read",
        });
        var page = await registered.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var clientId = Between(page, "data-testid=\"client-id\">", "<");
        var secret = Between(page, "data-testid=\"client-secret\">", "<");
        Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync(clientId, secret, basic: true)).StatusCode);

        var list = await browser.GetStringAsync(new Uri("/admin/api-klienter", UriKind.Relative));
        Assert.Contains("Sidekommunens fagsystem", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        using var revoked = await PostPageAsync(browser, $"?handler=Revoke&id={clientId}", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await AssertOAuthErrorAsync(await RequestTokenAsync(clientId, secret, basic: true), HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task An_application_administrator_registers_and_revokes_only_the_own_organisations_clients()
    {
        var tilgangsstyrer = await _factory.CreateApiClientAsync("tilgangsstyrer.5001@demo.ktu");
        var (othersId, othersSecret) = await RegisterAsync("5006", "decisions.read");

        using var created = await tilgangsstyrer.PostAsJsonAsync(Route, new { name = "Trondheims arkiv", scopes = new[] { "applications.read" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadAsync(created);
        Assert.Equal(await OrganisationIdAsync("5001"), body["client"]!["organisationId"]!.GetValue<int>());
        var clientId = body["client"]!["clientId"]!.GetValue<string>();
        using var tokenResponse = await RequestTokenAsync(clientId, body["clientSecret"]!.GetValue<string>(), basic: true);
        var system = Bearer((await ReadAsync(tokenResponse))["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(new Uri("/api/v1/applications", UriKind.Relative))).StatusCode);
        var listed = JsonNode.Parse(await tilgangsstyrer.GetStringAsync(new Uri(Route, UriKind.Relative)))!.AsArray();
        Assert.Equal([clientId], listed.Select(c => c!["clientId"]!.GetValue<string>()));

        var before = await CountAsync();
        var elsewhere = await tilgangsstyrer.PostAsJsonAsync(Route, new { name = "Fremmed", organisationId = await OrganisationIdAsync("5006"), scopes = new[] { "decisions.read" } });
        var othersRevoke = await tilgangsstyrer.PostAsync(new Uri($"{Route}/{othersId}/revoke", UriKind.Relative), null);
        var byApplicant = await (await _factory.CreateApiClientAsync("soker.5001@demo.ktu")).PostAsync(new Uri($"{Route}/{clientId}/revoke", UriKind.Relative), null);
        var listByApplicant = await (await _factory.CreateApiClientAsync("soker.5001@demo.ktu")).GetAsync(new Uri(Route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("bare registrere API-klienter for din egen organisasjon", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, othersRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listByApplicant.StatusCode);
        Assert.Equal(before, await CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync(othersId, othersSecret, basic: true)).StatusCode);

        var revoked = await tilgangsstyrer.PostAsync(new Uri($"{Route}/{clientId}/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync(new Uri("/api/v1/applications", UriKind.Relative))).StatusCode);
        await using var scope = _factory.CreateScope();
        var actions = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .Where(e => e.EntityType == "ApiClient" && e.EntityId == clientId && e.Action != "api-client.token-issued").OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorEmail }).ToListAsync();
        Assert.Equal(["api-client.registered", "api-client.revoked"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal("tilgangsstyrer.5001@demo.ktu", a.ActorEmail));
    }

    [Fact]
    public async Task On_the_page_an_application_administrator_sees_only_the_own_organisation()
    {
        await RegisterAsync("5006", "decisions.read");
        var browser = await _factory.CreateSignedInBrowserClientAsync("tilgangsstyrer.5001@demo.ktu");

        using var registered = await PostPageAsync(browser, "?handler=Register", new Dictionary<string, string>
        {
            ["Name"] = "Trondheims sidesystem",
            ["Scopes"] = "decisions.read",
        });

        var page = await registered.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("data-testid=\"client-secret\"", page, StringComparison.Ordinal);
        Assert.Contains("Trondheims sidesystem", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Fagsystem 5006", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Steinkjer", page, StringComparison.Ordinal);
    }

    /// <summary>The page's form with its antiforgery token, posted to one of its handlers.</summary>
    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient browser, string query, Dictionary<string, string> fields)
    {
        const string path = "/admin/api-klienter";
        using var page = await browser.GetAsync(new Uri(path, UriKind.Relative));
        fields[Forms.TokenField] = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(new Uri(path + query, UriKind.Relative), content);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"No {start} in the page.");
        from += start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private async Task<int> OrganisationIdAsync(string municipalityNumber)
    {
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Organisations.Where(o => o.MunicipalityNumber == municipalityNumber).Select(o => o.Id).SingleAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.ApiClients.CountAsync();
    }

    private async Task<(string ClientId, string Secret)> RegisterAsync(string municipalityNumber, params string[] scopes)
    {
        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        using var created = await admin.PostAsJsonAsync(Route, new { name = $"Fagsystem {municipalityNumber}", organisationId = await OrganisationIdAsync(municipalityNumber), scopes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadAsync(created);
        return (body["client"]!["clientId"]!.GetValue<string>(), body["clientSecret"]!.GetValue<string>());
    }

    private async Task<HttpClient> SystemAsync(string municipalityNumber, params string[] scopes)
    {
        var (clientId, secret) = await RegisterAsync(municipalityNumber, scopes);
        using var response = await RequestTokenAsync(clientId, secret, basic: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Bearer((await ReadAsync(response))["access_token"]!.GetValue<string>());
    }

    private HttpClient Bearer(string token)
    {
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, bool basic, string? scope = null, string grantType = "client_credentials")
    {
        var client = _factory.CreateBrowserClient();
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TokenRoute, UriKind.Relative));
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        }
        else
        {
            form["client_id"] = clientId;
            form["client_secret"] = secret;
        }
        request.Content = new FormUrlEncodedContent(form);
        return await client.SendAsync(request);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            var body = await ReadAsync(response);
            Assert.Equal(error, body["error"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["error_description"]?.GetValue<string>()));
            Assert.Null(body["access_token"]);
        }
    }
}
