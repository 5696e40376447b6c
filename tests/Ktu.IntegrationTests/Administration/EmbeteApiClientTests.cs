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
/// An embete's own system calls the API with OAuth 2.0 client credentials (issue 19): the administrator or the embete's
/// leader registers it for that one embete with read-only staff scopes; its token reads the embete's inbox, cases and
/// report overview, nothing of another embete (404), and no state-changing route (403); nobody registers one beyond what
/// they have; revoking it stops its token at once. The demo report year gives Trondheim (Trøndelag) a submitted case.
/// </summary>
public sealed class EmbeteApiClientTests : IAsyncLifetime, IDisposable
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
    public async Task An_embetes_own_system_reads_its_inbox_cases_and_report_overview_with_a_client_token()
    {
        var caseId = await TrondheimsCaseAsync();
        var (clientId, secret) = await RegisterAsync("admin@demo.ktu", "trondelag", "cases.read", "report-overview.read");

        using var tokenResponse = await RequestTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("cases.read report-overview.read", (await ReadAsync(tokenResponse))["scope"]!.GetValue<string>());
        var system = Bearer((await ReadAsync(tokenResponse))["access_token"]!.GetValue<string>());

        var inbox = await ReadAsync(await system.GetAsync(new Uri($"/api/v1/cases?year={OpenYear - 1}", UriKind.Relative)));
        Assert.Contains(inbox["items"]!.AsArray(), i => i!["applicationId"]!.GetValue<string>() == caseId);
        using var details = await system.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var officer = await _factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var seenByOfficer = await ReadAsync(await officer.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative)));
        Assert.Equal(seenByOfficer["reference"]?.ToJsonString(), (await ReadAsync(details))["reference"]?.ToJsonString());
        using var reports = await system.GetAsync(new Uri($"/api/v1/reports?year={OpenYear - 1}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.AuditEntries.Where(e => e.EntityId == clientId).ToListAsync();
        Assert.Equal("trondelag", Assert.Single(entries, e => e.Action == "api-client.registered").EmbeteId);
        Assert.Equal("trondelag", Assert.Single(entries, e => e.Action == "api-client.token-issued").EmbeteId);
        var stored = await db.ApiClients.SingleAsync(c => c.Id == Guid.Parse(clientId));
        Assert.Null(stored.OrganisationId);
        Assert.Equal("trondelag", stored.EmbeteId);
    }

    [Fact]
    public async Task Another_embetes_system_does_not_find_the_case()
    {
        var caseId = await TrondheimsCaseAsync();
        var innlandet = await SystemAsync("innlandet", "cases.read");

        using var details = await innlandet.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.DoesNotContain("Trondheim", await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var inbox = await innlandet.GetStringAsync(new Uri($"/api/v1/cases?year={OpenYear - 1}", UriKind.Relative));
        Assert.DoesNotContain(caseId, inbox, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_embetes_system_is_refused_every_state_change_and_everything_outside_its_scopes()
    {
        var caseId = await TrondheimsCaseAsync();
        var system = await SystemAsync("trondelag", "cases.read");

        (HttpMethod Method, string Path, object? Body)[] refused =
        [
            (HttpMethod.Put, $"/api/v1/cases/{caseId}/assessment", new { version = 1 }),
            (HttpMethod.Post, $"/api/v1/cases/{caseId}/impartiality", new { conflict = false }),
            (HttpMethod.Post, $"/api/v1/cases/{caseId}/assignment", new { officerUserId = "x" }),
            (HttpMethod.Post, $"/api/v1/cases/{caseId}/questions", new { text = "Hvorfor?" }),
            (HttpMethod.Post, $"/api/v1/allocations/{OpenYear}/approve", new { version = 1 }),
            (HttpMethod.Post, $"/api/v1/allocations/{OpenYear}/submit", new { version = 1 }),
            (HttpMethod.Get, $"/api/v1/reports?year={OpenYear - 1}", null),   // report-overview.read, which it does not have
            (HttpMethod.Get, $"/api/v1/allocations/{OpenYear}/", null),        // no scope opens the allocation
            (HttpMethod.Get, "/api/v1/applications", null),                    // an applicant's scope
            (HttpMethod.Post, "/api/v1/applications", new { schemeYear = OpenYear }),
            (HttpMethod.Get, Route, null),
            (HttpMethod.Get, "/saksbehandling", null),                          // pages neither
        ];
        foreach (var (method, path, body) in refused)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }
            using var response = await system.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} gave {(int)response.StatusCode}");
        }
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.ActorUserId != null && e.ActorUserId.StartsWith("api-client:") && e.Action != "api-client.token-issued"));
    }

    [Fact]
    public async Task Nobody_registers_an_embete_client_beyond_what_they_have_and_bad_input_stores_nothing()
    {
        var leader = await _factory.CreateApiClientAsync("leder.trondelag@demo.ktu");
        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        var before = await CountAsync();

        using var otherEmbete = await leader.PostAsJsonAsync(Route, new { name = "Fremmed", embeteId = "innlandet", scopes = new[] { "cases.read" } });
        Assert.Equal(HttpStatusCode.Forbidden, otherEmbete.StatusCode);
        Assert.Contains("bare registrere API-klienter for ditt eget embete", await otherEmbete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var applicantScopes = await leader.PostAsJsonAsync(Route, new { name = "Saksarkiv", scopes = new[] { "cases.read", "applications.read" } });
        Assert.Equal(HttpStatusCode.BadRequest, applicantScopes.StatusCode);
        Assert.Equal("Et embetes system kan ikke få tilgangen «applications.read». Velg blant: cases.read, report-overview.read.",
            (await ReadAsync(applicantScopes))["errors"]!["scopes"]![0]!.GetValue<string>());
        using var forOrganisation = await leader.PostAsJsonAsync(Route, new { name = "Trondheims", organisationId = await OrganisationIdAsync("5001"), scopes = new[] { "decisions.read" } });
        Assert.Equal(HttpStatusCode.Forbidden, forOrganisation.StatusCode);
        using var adminApplicantScopes = await admin.PostAsJsonAsync(Route, new { name = "Saksarkiv", embeteId = "trondelag", scopes = new[] { "drafts.write" } });
        Assert.Equal(HttpStatusCode.BadRequest, adminApplicantScopes.StatusCode);
        using var staffScopesForOrganisation = await admin.PostAsJsonAsync(Route, new { name = "Kommunens", organisationId = await OrganisationIdAsync("5001"), scopes = new[] { "cases.read" } });
        Assert.Equal("En organisasjons system kan ikke få tilgangen «cases.read». Velg blant: applications.read, drafts.write, decisions.read, reports.read.",
            (await ReadAsync(staffScopesForOrganisation))["errors"]!["scopes"]![0]!.GetValue<string>());
        using var both = await admin.PostAsJsonAsync(Route, new { name = "Begge", organisationId = await OrganisationIdAsync("5001"), embeteId = "trondelag", scopes = new[] { "cases.read" } });
        Assert.Equal("Velg enten en organisasjon eller et embete, ikke begge. Ingenting er lagret.", (await ReadAsync(both))["errors"]!["embeteId"]![0]!.GetValue<string>());
        using var unknown = await admin.PostAsJsonAsync(Route, new { name = "Ukjent", embeteId = "atlantis", scopes = new[] { "cases.read" } });
        Assert.Equal("Velg et embete.", (await ReadAsync(unknown))["errors"]!["embeteId"]![0]!.GetValue<string>());
        foreach (var email in new[] { "saksbehandler.trondelag@demo.ktu", "tilgangsstyrer.5001@demo.ktu", "direktorat@demo.ktu", "soker.5001@demo.ktu" })
        {
            var other = await _factory.CreateApiClientAsync(email);
            using var response = await other.PostAsJsonAsync(Route, new { name = "Saksarkiv", embeteId = "trondelag", scopes = new[] { "cases.read" } });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} gave {(int)response.StatusCode}");
        }
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_leader_registers_lists_and_revokes_only_the_own_embetes_clients_and_revoking_stops_the_token()
    {
        var caseId = await TrondheimsCaseAsync();
        var leader = await _factory.CreateApiClientAsync("leder.trondelag@demo.ktu");
        var (othersId, _) = await RegisterAsync("admin@demo.ktu", "innlandet", "cases.read");
        var (organisationsId, _) = await RegisterOrganisationClientAsync();

        using var created = await leader.PostAsJsonAsync(Route, new { name = "Trøndelags saksarkiv", scopes = new[] { "cases.read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadAsync(created);
        Assert.Equal("trondelag", body["client"]!["embeteId"]!.GetValue<string>());
        Assert.Null(body["client"]!["organisationId"]);
        var clientId = body["client"]!["clientId"]!.GetValue<string>();
        var system = Bearer((await ReadAsync(await RequestTokenAsync(clientId, body["clientSecret"]!.GetValue<string>())))["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).StatusCode);

        var listed = JsonNode.Parse(await leader.GetStringAsync(new Uri(Route, UriKind.Relative)))!.AsArray();
        Assert.Equal([clientId], listed.Select(c => c!["clientId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsync(new Uri($"{Route}/{othersId}/revoke", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsync(new Uri($"{Route}/{organisationsId}/revoke", UriKind.Relative), null)).StatusCode);
        var officer = await _factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync(new Uri($"{Route}/{clientId}/revoke", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).StatusCode);

        using var revoked = await leader.PostAsync(new Uri($"{Route}/{clientId}/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).StatusCode);

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries
            .Where(e => e.EntityType == "ApiClient" && e.EntityId == clientId && e.Action != "api-client.token-issued").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["api-client.registered", "api-client.revoked"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal("leder.trondelag@demo.ktu", a.ActorEmail));
        Assert.All(actions, a => Assert.Equal("trondelag", a.EmbeteId));
        Assert.True((await db.ApiClients.SingleAsync(c => c.Id == Guid.Parse(othersId))).IsActive);
    }

    [Fact]
    public async Task On_the_page_a_leader_registers_for_the_own_embete_only()
    {
        await RegisterAsync("admin@demo.ktu", "innlandet", "cases.read");
        var browser = await _factory.CreateSignedInBrowserClientAsync("leder.trondelag@demo.ktu");

        var form = await browser.GetStringAsync(new Uri("/admin/api-klienter", UriKind.Relative));
        Assert.Contains("name=\"EmbeteId\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"OrganisationId\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"applications.read\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Innlandet", form, StringComparison.Ordinal);

        using var page = await browser.GetAsync(new Uri("/admin/api-klienter", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            ["Name"] = "Trøndelags sidesystem",
            ["EmbeteId"] = "trondelag",
            ["Scopes"] = "report-overview.read",
        });
        using var registered = await browser.PostAsync(new Uri("/admin/api-klienter?handler=Register", UriKind.Relative), content);
        var html = await registered.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("data-testid=\"client-secret\"", html, StringComparison.Ordinal);
        Assert.Contains("Trøndelags sidesystem", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var officer = await _factory.CreateSignedInBrowserClientAsync("saksbehandler.trondelag@demo.ktu");
        using var refused = await officer.GetAsync(new Uri("/admin/api-klienter", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    private async Task<string> TrondheimsCaseAsync()
    {
        var trondheim = await _factory.ApplicantAsync("5001");
        var applications = JsonNode.Parse(await trondheim.GetStringAsync(new Uri("/api/v1/applications", UriKind.Relative)))!.AsArray();
        return applications.Single(a => a!["schemeYear"]!.GetValue<int>() == OpenYear - 1)!["id"]!.GetValue<string>();
    }

    private async Task<int> OrganisationIdAsync(string municipalityNumber)
    {
        await using var scope = _factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations
            .Where(o => o.MunicipalityNumber == municipalityNumber).Select(o => o.Id).SingleAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var scope = _factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ApiClients.CountAsync();
    }

    private async Task<(string ClientId, string Secret)> RegisterAsync(string byEmail, string embeteId, params string[] scopes)
    {
        var granter = await _factory.CreateApiClientAsync(byEmail);
        using var created = await granter.PostAsJsonAsync(Route, new { name = $"Saksarkiv {embeteId}", embeteId, scopes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadAsync(created);
        return (body["client"]!["clientId"]!.GetValue<string>(), body["clientSecret"]!.GetValue<string>());
    }

    private async Task<(string ClientId, string Secret)> RegisterOrganisationClientAsync()
    {
        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        using var created = await admin.PostAsJsonAsync(Route, new { name = "Fagsystem 5001", organisationId = await OrganisationIdAsync("5001"), scopes = new[] { "decisions.read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadAsync(created);
        return (body["client"]!["clientId"]!.GetValue<string>(), body["clientSecret"]!.GetValue<string>());
    }

    private async Task<HttpClient> SystemAsync(string embeteId, params string[] scopes)
    {
        var (clientId, secret) = await RegisterAsync("admin@demo.ktu", embeteId, scopes);
        using var response = await RequestTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Bearer((await ReadAsync(response))["access_token"]!.GetValue<string>());
    }

    private HttpClient Bearer(string token)
    {
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret)
    {
        var client = _factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TokenRoute, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
        return await client.SendAsync(request);
    }
}
