using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ktu.IntegrationTests.Account;

/// <summary>The app configured with ID-porten and Ansattporten, both pointing at a local provider the tests start.</summary>
public sealed class ExternalLoginFixture : IAsyncLifetime
{
    public TestOpenIdProvider Provider { get; private set; } = null!;
    public KtuFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Provider = await TestOpenIdProvider.StartAsync();
        foreach (var (section, client) in new[] { ("IdPorten", "ktu-idporten"), ("Ansattporten", "ktu-ansattporten") })
        {
            Factory.Settings[$"Authentication:{section}:Authority"] = Provider.Authority.ToString();
            Factory.Settings[$"Authentication:{section}:ClientId"] = client;
            Factory.Settings[$"Authentication:{section}:ClientSecret"] = TestOpenIdProvider.Secret;
            Factory.Settings[$"Authentication:{section}:RequireHttpsMetadata"] = "false";
        }
        Factory.Settings["Authentication:IdentityNumberKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray());
        // The handler's correlation and nonce cookies expire by the app's clock, the browser's cookie jar by the real one.
        Factory.TestServices = s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton(TimeProvider.System);
        };
        await ((IAsyncLifetime)Factory).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Issue 19, external log-in: the whole round trip over HTTP (log-in page button, provider, callback, session), with the
/// person matched to an existing user by a verified e-mail and then by the linked national identity number, and every refusal.
/// </summary>
public sealed class ExternalLoginTests(ExternalLoginFixture fixture) : IClassFixture<ExternalLoginFixture>
{
    private static readonly Uri Me = new("/api/v1/me", UriKind.Relative);
    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_log_in_page_has_a_button_for_each_configured_provider()
    {
        var html = await (await Factory.CreateBrowserClient().GetAsync(new Uri("/logg-inn", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Logg inn med ID-porten", html, StringComparison.Ordinal);
        Assert.Contains("Logg inn med Ansattporten", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/logg-inn/ekstern/idporten\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_let_their_forms_lead_to_the_providers_so_the_browser_follows_the_log_in_and_log_out_redirects()
    {
        // The log-in and log-out buttons post to KTU, which redirects to the provider; browsers hold that redirect to the
        // policy's form-action, so with 'self' alone the click would go nowhere in a real browser.
        var provider = fixture.Provider.Authority.GetLeftPart(UriPartial.Authority);
        foreach (var page in new[] { "/logg-inn", "/logg-ut" })
        {
            var response = await Factory.CreateBrowserClient().GetAsync(new Uri(page, UriKind.Relative));
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            var formAction = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action ", StringComparison.Ordinal));
            Assert.Equal($"form-action 'self' {provider}", formAction);
        }
    }

    [Fact]
    public async Task A_known_applicant_is_linked_by_verified_email_and_then_found_by_identity_number_alone()
    {
        fixture.Provider.Add("first", new TestPerson("99000000101", "soker.3401@demo.ktu"));
        fixture.Provider.Add("again", new TestPerson("99000000101"));

        var browser = Factory.CreateBrowserClient();
        var done = await LogInAsync(browser, ExternalLogins.IdPorten, "first", returnUrl: "/soknader");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/soknader", done.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>(Me);
        Assert.Equal("soker.3401@demo.ktu", me.GetProperty("email").GetString());
        Assert.Equal([Roles.Applicant], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("3401", me.GetProperty("organisation").GetProperty("municipalityNumber").GetString());

        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == "SOKER.3401@DEMO.KTU");
            var login = await db.UserLogins.SingleAsync(l => l.UserId == user.Id);
            Assert.Equal(ExternalLogins.IdPorten, login.LoginProvider);
            Assert.DoesNotContain("99000000101", login.ProviderKey, StringComparison.Ordinal);
            var audit = await db.AuditEntries.Where(a => a.Action == "user.external-login" && a.EntityId == user.Id).ToListAsync();
            Assert.Contains("\"email\"", Assert.Single(audit).After, StringComparison.Ordinal);
        }

        // Next time the provider sends no e-mail: the linked number finds the same account.
        var second = Factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(second, ExternalLogins.IdPorten, "again")).StatusCode);
        Assert.Equal("soker.3401@demo.ktu", (await second.GetFromJsonAsync<JsonElement>(Me)).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_case_officer_logs_in_through_Ansattporten_with_the_staff_roles()
    {
        fixture.Provider.Add("officer", new TestPerson("99000000202", "saksbehandler.vestland@demo.ktu", Acr: "high"));
        var browser = Factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(browser, ExternalLogins.Ansattporten, "officer")).StatusCode);
        var me = await browser.GetFromJsonAsync<JsonElement>(Me);
        Assert.Equal([Roles.CaseOfficer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/saksbehandling", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_person_gets_a_message_and_no_session_and_no_account()
    {
        fixture.Provider.Add("unknown", new TestPerson("99000000303", "ukjent.person@eksempel.test"));
        var usersBefore = await CountAsync(db => db.Users.CountAsync());

        var browser = Factory.CreateBrowserClient();
        var page = await LogInAsync(browser, ExternalLogins.IdPorten, "unknown");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("vi fant ingen bruker i KTU for deg", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
        Assert.Equal(usersBefore, await CountAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_email_the_provider_does_not_vouch_for_matches_nobody()
    {
        fixture.Provider.Add("unverified", new TestPerson("99000000404", "soker.3403@demo.ktu", EmailVerified: false));
        var browser = Factory.CreateBrowserClient();
        var page = await LogInAsync(browser, ExternalLogins.IdPorten, "unverified");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("vi fant ingen bruker i KTU for deg", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task A_locked_user_is_refused()
    {
        const string email = "soker.3405@demo.ktu";
        await using (var scope = Factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<KtuUserManager>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }
        fixture.Provider.Add("locked", new TestPerson("99000000505", email));
        var browser = Factory.CreateBrowserClient();
        var page = await LogInAsync(browser, ExternalLogins.IdPorten, "locked");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Kontoen din i KTU er sperret", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
        var normalized = email.ToUpperInvariant();
        Assert.Equal(0, await CountAsync(db => db.UserLogins.CountAsync(l => db.Users.Any(u => u.Id == l.UserId && u.NormalizedEmail == normalized))));
    }

    [Fact]
    public async Task A_staff_user_is_refused_through_ID_porten_and_an_applicant_through_Ansattporten()
    {
        fixture.Provider.Add("staff-citizen", new TestPerson("99000000606", "leder.vestland@demo.ktu"));
        var browser = Factory.CreateBrowserClient();
        var page = await LogInAsync(browser, ExternalLogins.IdPorten, "staff-citizen");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("ID-porten er innloggingen for søkere", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);

        fixture.Provider.Add("applicant-employee", new TestPerson("99000000707", "soker.3407@demo.ktu", Acr: "substantial"));
        page = await LogInAsync(browser, ExternalLogins.Ansattporten, "applicant-employee");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Ansattporten er innloggingen for ansatte", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
        Assert.Equal(2, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == "user.external-login-refused" && a.After!.Contains("other-kind-of-user"))));
    }

    [Fact]
    public async Task A_level_of_assurance_below_the_accepted_ones_is_refused()
    {
        fixture.Provider.Add("low", new TestPerson("99000000808", "soker.3411@demo.ktu", Acr: "idporten-loa-low"));
        var browser = Factory.CreateBrowserClient();
        var page = await LogInAsync(browser, ExternalLogins.IdPorten, "low");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("for lavt sikkerhetsnivå", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Ansattporten_accepts_its_own_levels_and_refuses_entra_id_and_id_portens_names_by_default()
    {
        fixture.Provider.Add("approver-substantial", new TestPerson("99000001010", "leder.rogaland@demo.ktu", Acr: "substantial"));
        fixture.Provider.Add("officer-entra", new TestPerson("99000001111", "saksbehandler.rogaland@demo.ktu", Acr: "entraid"));
        fixture.Provider.Add("officer-idporten-name", new TestPerson("99000001212", "saksbehandler2.rogaland@demo.ktu", Acr: "idporten-loa-high"));

        var approver = Factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(approver, ExternalLogins.Ansattporten, "approver-substantial")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync(Me)).StatusCode);
        foreach (var person in new[] { "officer-entra", "officer-idporten-name" })
        {
            var browser = Factory.CreateBrowserClient();
            var page = await LogInAsync(browser, ExternalLogins.Ansattporten, person);
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("for lavt sikkerhetsnivå", await page.ReadTextAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
        }
    }

    [Fact]
    public async Task Logging_out_after_an_ID_porten_log_in_ends_the_session_at_ID_porten_too()
    {
        fixture.Provider.Add("leaving", new TestPerson("99000001313", "soker.3420@demo.ktu"));
        var browser = Factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(browser, ExternalLogins.IdPorten, "leaving")).StatusCode);
        var before = fixture.Provider.EndedSessions.Count;

        var logout = await PostLogoutAsync(browser);

        // To the provider's end_session_endpoint, naming the session by its id_token and KTU's signed-out callback.
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var endSession = logout.Headers.Location!;
        Assert.Equal(new Uri(fixture.Provider.Authority, "endsession").ToString(), endSession.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(endSession.Query);
        Assert.False(string.IsNullOrEmpty(query["id_token_hint"]));
        Assert.Equal("https://localhost/signout-callback-idporten", query["post_logout_redirect_uri"].ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode); // KTU's own session ended first
        using var providerClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var ended = await providerClient.GetAsync(endSession);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var back = ended.Headers.Location!;
        Assert.Equal("https://localhost/signout-callback-idporten", back.GetLeftPart(UriPartial.Path));
        Assert.Equal(("sub-99000001313", "https://localhost/signout-callback-idporten"), Assert.Single(fixture.Provider.EndedSessions.Skip(before)));
        Assert.Equal("/logg-inn", (await browser.GetAsync(new Uri(back.PathAndQuery, UriKind.Relative))).RedirectPath());
    }

    [Fact]
    public async Task Logging_out_after_a_password_log_in_does_not_go_to_the_provider()
    {
        var browser = await Factory.CreateSignedInBrowserClientAsync("soker.3422@demo.ktu");
        var before = fixture.Provider.EndedSessions.Count;

        var logout = await PostLogoutAsync(browser);

        Assert.Equal("/logg-inn", logout.RedirectPath());
        Assert.Equal(before, fixture.Provider.EndedSessions.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostLogoutAsync(HttpClient browser)
    {
        var html = await (await browser.GetAsync(new Uri("/logg-ut", UriKind.Relative))).ReadTextAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = Forms.AntiforgeryToken(html) });
        return await browser.PostAsync(new Uri("/logg-ut", UriKind.Relative), content);
    }

    [Fact]
    public async Task A_tampered_state_or_a_replayed_answer_is_refused_without_a_session()
    {
        fixture.Provider.Add("tamper", new TestPerson("99000000909", "soker.3413@demo.ktu"));
        var browser = Factory.CreateBrowserClient();
        var page = await LogInAsync(browser, ExternalLogins.IdPorten, "tamper",
            tamper: query => query.Replace("state=", "state=x", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("ble ikke fullført", await page.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);

        // The provider's answer taken to another browser (no correlation cookie there) does not sign that browser in either.
        var (callback, _) = await ToProviderAndBackAsync(Factory.CreateBrowserClient(), ExternalLogins.IdPorten, "tamper", null);
        var stranger = Factory.CreateBrowserClient();
        var answer = await stranger.GetAsync(new Uri(callback, UriKind.Relative));
        Assert.Equal("/logg-inn/ekstern/idporten", answer.RedirectPath());
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task A_provider_that_is_not_configured_is_not_found()
    {
        var browser = Factory.CreateBrowserClient();
        var html = await (await browser.GetAsync(new Uri("/logg-inn", UriKind.Relative))).Content.ReadAsStringAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = Forms.AntiforgeryToken(html) });
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync(new Uri("/logg-inn/ekstern/feide", UriKind.Relative), content)).StatusCode);
    }

    /// <summary>The log-in page's button, the provider, the callback and the page after it; returns the last answer.</summary>
    private async Task<HttpResponseMessage> LogInAsync(HttpClient browser, string provider, string person, string? returnUrl = null, Func<string, string>? tamper = null)
    {
        var (callback, _) = await ToProviderAndBackAsync(browser, provider, person, returnUrl);
        if (tamper is not null)
        {
            var at = callback.IndexOf('?', StringComparison.Ordinal);
            callback = callback[..at] + tamper(callback[at..]);
        }
        // The OpenID Connect handler checks the answer and sends the browser on to the page that matches the person.
        using var handled = await browser.GetAsync(new Uri(callback, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        Assert.StartsWith("/logg-inn/ekstern/" + provider, handled.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await browser.GetAsync(handled.Headers.Location);
    }

    /// <summary>Posts the button, follows the redirect to the provider as the person, and returns the callback the provider sends back to.</summary>
    private async Task<(string Callback, Uri Authorize)> ToProviderAndBackAsync(HttpClient browser, string provider, string person, string? returnUrl)
    {
        var html = await (await browser.GetAsync(new Uri("/logg-inn", UriKind.Relative))).Content.ReadAsStringAsync();
        var fields = new Dictionary<string, string> { [Forms.TokenField] = Forms.AntiforgeryToken(html), ["ReturnUrl"] = returnUrl ?? "" };
        using var content = new FormUrlEncodedContent(fields);
        using var challenge = await browser.PostAsync(new Uri("/logg-inn/ekstern/" + provider, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(fixture.Provider.Authority.ToString(), authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        // The lowest accepted level, in each provider's own names (ID-porten's idporten-loa-*, Ansattporten's substantial/high).
        Assert.Equal(provider == ExternalLogins.IdPorten ? "idporten-loa-substantial" : "substantial",
            QueryHelpers.ParseQuery(authorize.Query)["acr_values"].ToString());

        using var providerClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await providerClient.GetAsync(new Uri(authorize + "&login_hint=" + Uri.EscapeDataString(person)));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = answer.Headers.Location!;
        Assert.Equal("https://localhost/signin-" + provider, back.GetLeftPart(UriPartial.Path));
        return (back.PathAndQuery, authorize);
    }

    private async Task<int> CountAsync(Func<AppDbContext, Task<int>> count)
    {
        await using var scope = Factory.CreateScope();
        return await count(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

/// <summary>Settings that cannot work stop the app at start, with the reason, instead of failing at the first log-in.</summary>
public sealed class ExternalLoginSettingsTests
{
    [Theory]
    [InlineData("Authentication:IdPorten", null)]
    [InlineData("Authentication:Ansattporten", "dGVyIGZvciBrb3J0")]
    [InlineData("Authentication:OpenIdConnect", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    public async Task A_provider_without_an_identity_number_key_or_under_the_old_setting_stops_the_start(string section, string? key)
    {
        await using var factory = new KtuFactory();
        factory.Settings[section + ":Authority"] = "https://login.example.test";
        factory.Settings[section + ":ClientId"] = "ktu";
        factory.Settings[section + ":ClientSecret"] = "secret";
        factory.Settings["Authentication:IdentityNumberKey"] = key;
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains(section == "Authentication:OpenIdConnect" ? "is replaced by" : "IdentityNumberKey", error.Message, StringComparison.Ordinal);
    }
}
