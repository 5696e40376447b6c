using System.Net;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Account;

/// <summary>Pages: the log-in form with its antiforgery token, the auth cookie, and who may open what.</summary>
[Collection(SharedApp.Name)]
public sealed class PageAccessTests(KtuFactory factory)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_log_in_page()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/logg-inn", response.RedirectPath());
    }

    [Fact]
    public async Task The_log_in_page_is_open_to_anonymous_visitors_and_speaks_Norwegian()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/logg-inn", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.ReadTextAsync();
        Assert.Contains("<html lang=\"nb\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Email\"", html, StringComparison.Ordinal);
        Assert.NotEmpty(Forms.AntiforgeryToken(html));
    }

    [Fact]
    public async Task An_applicant_logs_in_with_the_form_and_sees_the_municipality_on_the_start_page()
    {
        var client = factory.CreateBrowserClient();
        using var login = await client.SubmitFormAsync("/logg-inn", new Dictionary<string, string>
        {
            ["Email"] = "soker.5001@demo.ktu",
            ["Password"] = KtuFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.RedirectPath());

        using var start = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var html = await start.ReadTextAsync();
        Assert.Contains("soker.5001@demo.ktu", html, StringComparison.Ordinal);
        Assert.Contains("Trondheim kommune", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_in_the_form_shows_a_Norwegian_message_and_sets_no_auth_cookie()
    {
        var client = factory.CreateBrowserClient();
        using var response = await client.SubmitFormAsync("/logg-inn", new Dictionary<string, string>
        {
            ["Email"] = "soker.1103@demo.ktu",
            ["Password"] = "Feil-passord-1",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Innloggingen mislyktes.", await response.ReadTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith("ktu.auth", StringComparison.Ordinal));

        using var start = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = factory.CreateBrowserClient();
        using var page = await client.GetAsync(new Uri("/logg-inn", UriKind.Relative)); // gets the antiforgery cookie
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "soker.5001@demo.ktu",
            ["Password"] = KtuFactory.DemoPassword,
        });
        using var response = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith("ktu.auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_auth_cookie_is_HttpOnly_Secure_and_SameSite()
    {
        var client = factory.CreateBrowserClient();
        using var response = await client.SubmitFormAsync("/logg-inn", new Dictionary<string, string>
        {
            ["Email"] = "saksbehandler.trondelag@demo.ktu",
            ["Password"] = KtuFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(SetCookies(response), c => c.StartsWith("ktu.auth=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
    }

    [Fact]
    public async Task Log_out_ends_the_cookie_session()
    {
        var client = await factory.CreateSignedInBrowserClientAsync("leder.trondelag@demo.ktu");
        using (var start = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }
        using var logout = await client.SubmitFormAsync("/logg-ut", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/logg-inn", logout.RedirectPath());

        using var after = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/logg-inn", after.RedirectPath());
    }

    [Fact]
    public async Task An_applicant_cannot_open_the_scheme_copy_page()
    {
        var client = await factory.CreateSignedInBrowserClientAsync("soker.5001@demo.ktu");
        using var response = await client.GetAsync(new Uri("/ordningsar/ny", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ingen-tilgang", response.RedirectPath());

        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task A_case_officer_cannot_open_the_scheme_copy_page_either()
    {
        var api = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        using var response = await api.GetAsync(new Uri("/ordningsar/ny", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
