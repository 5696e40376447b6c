using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Security;

/// <summary>
/// The log-in page and the log-in API under attack: lock-out after five wrong passwords (for the network they came
/// from: LockoutTests), one answer for
/// unknown user, wrong password and locked account, and the per-address rate limit
/// (Security:LoginAttemptsPerMinute) answering 429 ProblemDetails. Each rate-limit test has an app of its
/// own with a low limit, because the page and the API share one limit per address.
/// </summary>
public sealed partial class LoginLimitTests : IAsyncLifetime
{
    private readonly List<KtuFactory> _apps = [];

    private const string LoginPage = "/logg-inn";
    private static readonly Uri LoginApi = new("/api/v1/auth/login", UriKind.Relative);
    private const string FailedMessage = "Innloggingen mislyktes. Kontroller e-post og passord. Etter flere mislykkede forsøk blir kontoen sperret i 15 minutter.";

    private KtuFactory AppWithLimit(int perMinute)
    {
        var factory = new KtuFactory();
        factory.Settings["Security:LoginAttemptsPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _apps.Add(factory);
        return factory;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await ((IAsyncLifetime)app).DisposeAsync(); // also deletes the app's database
        }
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex TokenInput();

    [GeneratedRegex("""name="Email"[^>]*>""")]
    private static partial Regex EmailInput();

    /// <summary>The page as answered, without the parts that differ by design: the antiforgery token and the echoed e-mail.</summary>
    private static string Comparable(string html) => EmailInput().Replace(TokenInput().Replace(html, "TOKEN>"), "EMAIL>");

    private static async Task<(HttpResponseMessage Response, string Html)> PostLoginPageAsync(HttpClient browser, string email, string password)
    {
        var response = await browser.SubmitFormAsync(LoginPage, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        return (response, await response.ReadTextAsync());
    }

    [Fact]
    public async Task On_the_page_five_wrong_passwords_lock_the_account_and_the_answer_is_the_same_as_for_an_unknown_user()
    {
        var factory = AppWithLimit(1000);
        const string email = "soker.1111@demo.ktu";
        var browser = factory.CreateBrowserClient();

        var (_, unknownHtml) = await PostLoginPageAsync(browser, "finnes.ikke@demo.ktu", "Feil-passord-1");
        var wrongAnswers = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (response, html) = await PostLoginPageAsync(browser, email, "Feil-passord-1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, not a redirect
            Assert.Null(response.Headers.Location);
            wrongAnswers.Add(html);
        }
        var (lockedResponse, lockedHtml) = await PostLoginPageAsync(browser, email, KtuFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, lockedResponse.StatusCode);
        Assert.DoesNotContain(lockedResponse.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("ktu.auth=", StringComparison.Ordinal));
        Assert.Contains(FailedMessage, unknownHtml, StringComparison.Ordinal);
        Assert.All(wrongAnswers.Append(lockedHtml), html => Assert.Equal(Comparable(unknownHtml), Comparable(html)));

        // Locked out from this network (the test server's requests have no address), not the account as such.
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.False(await users.IsLockedOutAsync(user));
        var db = scope.ServiceProvider.GetRequiredService<Ktu.Web.Data.AppDbContext>();
        var lockout = Assert.Single(db.LoginLockouts.Where(l => l.UserId == user.Id));
        Assert.True(lockout.IsLockedOut(factory.Time.GetUtcNow()));
    }

    [Fact]
    public async Task On_the_api_unknown_user_wrong_password_and_locked_account_get_byte_for_byte_the_same_problem_apart_from_the_trace_and_correlation_ids()
    {
        var factory = AppWithLimit(1000);
        const string email = "soker.1112@demo.ktu";
        var client = factory.CreateBrowserClient();

        async Task<string> AnswerAsync(string e, string p)
        {
            using var response = await client.PostAsJsonAsync(LoginApi, new { email = e, password = p });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
            Assert.NotNull(body);
            body.Remove("traceId");
            body.Remove("correlationId");
            return JsonSerializer.Serialize(body);
        }

        var unknown = await AnswerAsync("finnes.ikke@demo.ktu", "Feil-passord-1");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(unknown, await AnswerAsync(email, "Feil-passord-1"));
        }
        Assert.Equal(unknown, await AnswerAsync(email, KtuFactory.DemoPassword));
        Assert.Equal(FailedMessage, JsonDocument.Parse(unknown).RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("soker.5001\u0000@demo.ktu")]
    [InlineData("soker.5001@demo.ktu\uD800")]
    [InlineData("\u0007soker.5001@demo.ktu")]
    public async Task An_e_mail_with_control_characters_or_broken_UTF16_is_an_unknown_user_on_the_page_and_the_api(string email)
    {
        // PostgreSQL refuses NUL in a query; the answer must still be the ordinary failed log-in, not a 500.
        var factory = AppWithLimit(1000);
        using var api = await factory.CreateBrowserClient().PostAsJsonAsync(LoginApi, new { email, password = KtuFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FailedMessage, problem.GetProperty("title").GetString());

        // The page may refuse the form outright (400) or show the ordinary message; it must not sign in or fail.
        var (page, html) = await PostLoginPageAsync(factory.CreateBrowserClient(), email, KtuFactory.DemoPassword);
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"the page answered {(int)page.StatusCode}");
        Assert.Null(page.Headers.Location);
        if (page.StatusCode == HttpStatusCode.OK)
        {
            Assert.Contains(FailedMessage, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_api_answers_429_problem_details_after_the_configured_number_of_attempts()
    {
        const int limit = 3;
        var factory = AppWithLimit(limit);
        var client = factory.CreateBrowserClient();

        for (var attempt = 1; attempt <= limit; attempt++)
        {
            using var allowed = await client.PostAsJsonAsync(LoginApi, new { email = "finnes.ikke@demo.ktu", password = "Feil-passord-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        // Even the right password is turned away once the address has used up its attempts.
        using var refused = await client.PostAsJsonAsync(LoginApi, new { email = "soker.5001@demo.ktu", password = KtuFactory.DemoPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("For mange forsøk. Vent ett minutt og prøv igjen.", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task The_page_answers_429_problem_details_after_the_configured_number_of_attempts()
    {
        const int limit = 4;
        var factory = AppWithLimit(limit);
        var browser = factory.CreateBrowserClient();

        // Each form post is a GET of the page (for the antiforgery token) and a POST: both count.
        var (first, _) = await PostLoginPageAsync(browser, "finnes.ikke@demo.ktu", "Feil-passord-1");
        var (second, _) = await PostLoginPageAsync(browser, "finnes.ikke@demo.ktu", "Feil-passord-2");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var refused = await browser.PostAsync(new Uri(LoginPage, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "soker.5001@demo.ktu",
            ["Password"] = KtuFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("For mange forsøk. Vent ett minutt og prøv igjen.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("ktu.auth=", StringComparison.Ordinal));
        // The limit counts per address, not per account: the API is closed to this address as well.
        using var api = await browser.PostAsJsonAsync(LoginApi, new { email = "soker.5001@demo.ktu", password = KtuFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
    }

    [Fact]
    public async Task Other_routes_are_not_limited_by_log_in_attempts()
    {
        const int limit = 2;
        var factory = AppWithLimit(limit);
        var api = await factory.CreateApiClientAsync("soker.5001@demo.ktu"); // uses 1 of 2

        using var extra = await factory.CreateBrowserClient().PostAsJsonAsync(LoginApi, new { email = "x@demo.ktu", password = "Feil-passord-1" });
        using var limited = await factory.CreateBrowserClient().PostAsJsonAsync(LoginApi, new { email = "x@demo.ktu", password = "Feil-passord-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, extra.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        for (var i = 0; i < limit * 3; i++)
        {
            using var me = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
    }

    [Fact]
    public async Task Behind_a_proxy_a_client_cannot_dodge_the_limit_by_sending_its_own_forwarded_for()
    {
        // A request straight from the internet (not from the proxy) claims a new address each time.
        var factory = AppBehindProxy(remote: "203.0.113.7", trustedProxies: null);
        var answers = await LogInFromAsync(factory, i => $"198.51.100.{i + 1}", attempts: 5);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_limit_counts_per_client_address_it_forwards()
    {
        var factory = AppBehindProxy(remote: "10.0.0.5", trustedProxies: "10.0.0.0/8");
        Assert.All(await LogInFromAsync(factory, i => $"198.51.100.{i + 1}", attempts: 5), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LogInFromAsync(factory, _ => "198.51.100.200", attempts: 4))[^1]);
    }

    private KtuFactory AppBehindProxy(string remote, string? trustedProxies)
    {
        var factory = AppWithLimit(3);
        factory.Settings["Security:BehindProxy"] = "true";
        factory.Settings["Security:TrustedProxies"] = trustedProxies;
        var address = IPAddress.Parse(remote);
        factory.TestServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FixedRemoteAddress(address));
        return factory;
    }

    private static async Task<List<HttpStatusCode>> LogInFromAsync(KtuFactory factory, Func<int, string> forwardedFor, int attempts)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, LoginApi) { Content = JsonContent.Create(new { email = "x@demo.ktu", password = "Feil-passord-1" }) };
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            using var response = await factory.CreateBrowserClient().SendAsync(request);
            answers.Add(response.StatusCode);
        }
        return answers;
    }
}
