using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Account;

/// <summary>Issue 19: users change their own password, see their own log-ins and end their other sessions and tokens.</summary>
public sealed class SelfServiceTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static readonly Uri Me = new("/api/v1/me", UriKind.Relative);
    private static readonly Uri Password = new("/api/v1/account/password", UriKind.Relative);
    private static readonly Uri Logins = new("/api/v1/account/logins", UriKind.Relative);
    private static readonly Uri EndSessions = new("/api/v1/account/sessions/end", UriKind.Relative);
    private const string NewPassword = "Nytt-passord-2026!";

    private async Task<HttpStatusCode> LogInAsync(string email, string password)
    {
        using var response = await factory.CreateBrowserClient().PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password });
        return response.StatusCode;
    }

    /// <summary>A new user found /konto only by typing it: every signed-in page's header now links to it.</summary>
    [Theory]
    [InlineData("soker.1133@demo.ktu")]
    [InlineData("saksbehandler.innlandet@demo.ktu")]
    [InlineData("direktorat@demo.ktu")]
    [InlineData("admin@demo.ktu")]
    public async Task Every_role_reaches_its_own_account_page_from_the_header(string email)
    {
        var browser = await factory.CreateSignedInBrowserClientAsync(email);
        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("/konto", PageLinks.Of(home));
        Assert.Contains(">Min konto</a>", home, StringComparison.Ordinal);
        using var account = await browser.GetAsync(new Uri("/konto", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_refused_in_norwegian_and_nothing_changes()
    {
        const string email = "soker.1121@demo.ktu";
        var api = await factory.CreateApiClientAsync(email);

        using var wrong = await api.PostAsJsonAsync(Password, new { currentPassword = "Feil-passord-1", newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var body = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Passordet du har nå, er feil.", body.GetProperty("errors").GetProperty("currentPassword")[0].GetString(), StringComparison.Ordinal);

        using var weak = await api.PostAsJsonAsync(Password, new { currentPassword = KtuFactory.DemoPassword, newPassword = "kort" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));

        using var empty = await api.PostAsJsonAsync(Password, new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(email, KtuFactory.DemoPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(email, "kort"));
    }

    [Fact]
    public async Task A_changed_password_ends_the_other_sessions_and_tokens_and_only_the_new_one_logs_in()
    {
        const string email = "soker.1122@demo.ktu";
        var api = await factory.CreateApiClientAsync(email);
        var otherToken = await factory.CreateApiClientAsync(email);
        var otherBrowser = await factory.CreateSignedInBrowserClientAsync(email);

        using var changed = await api.PostAsJsonAsync(Password, new { currentPassword = KtuFactory.DemoPassword, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await otherToken.GetAsync(Me)).StatusCode);
        using var page = await otherBrowser.GetAsync(new Uri("/konto", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(email, KtuFactory.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(email, NewPassword));
    }

    [Fact]
    public async Task The_own_log_in_history_shows_failures_and_successes_newest_first_and_nobody_elses()
    {
        const string email = "soker.1124@demo.ktu";
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(email, "Feil-passord-1"));
        var api = await factory.CreateApiClientAsync(email);
        await factory.CreateApiClientAsync("soker.1127@demo.ktu");

        var logins = await api.GetFromJsonAsync<JsonElement>(Logins);
        Assert.Equal(2, logins.GetArrayLength());
        Assert.True(logins[0].GetProperty("succeeded").GetBoolean());
        Assert.False(logins[1].GetProperty("succeeded").GetBoolean());
        Assert.Equal("api", logins[0].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Ending_other_sessions_ends_every_token_and_cookie_but_the_page_keeps_its_own_browser_signed_in()
    {
        const string email = "soker.1130@demo.ktu";
        var token = await factory.CreateApiClientAsync(email);
        var other = await factory.CreateSignedInBrowserClientAsync(email);
        var browser = await factory.CreateSignedInBrowserClientAsync(email);

        using var ended = await browser.SubmitFormAsync("/konto?handler=EndSessions", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(Me)).StatusCode);
        using var otherPage = await other.GetAsync(new Uri("/konto", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, otherPage.StatusCode);
        using var ownPage = await browser.GetAsync(new Uri("/konto", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        var html = await ownPage.ReadTextAsync();
        Assert.Contains("Du er logget ut alle andre steder.", html, StringComparison.Ordinal);
        Assert.Contains("Dine siste innlogginger", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_ends_every_session_of_the_account()
    {
        const string email = "soker.1114@demo.ktu";
        var api = await factory.CreateApiClientAsync(email);
        var other = await factory.CreateApiClientAsync(email);
        using var ended = await api.PostAsync(EndSessions, null);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Me)).StatusCode);
    }
}
