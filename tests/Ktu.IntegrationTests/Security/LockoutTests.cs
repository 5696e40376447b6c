using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Security;

/// <summary>
/// Lock-out cannot be used to shut out approvers (issue 16): wrong passwords lock an account out only for the network
/// they came from, a network with too many failed log-ins over all accounts is refused with 429, and an embete's leader
/// unlocks the embete's own people. The app sits behind a trusted proxy (10.0.0.5), so each request's client address is
/// the X-Forwarded-For it carries; without one, it is the proxy's own network, where the staff log in from.
/// </summary>
public sealed partial class LockoutTests : IAsyncLifetime
{
    private readonly List<KtuFactory> _apps = [];

    private static readonly Uri LoginApi = new("/api/v1/auth/login", UriKind.Relative);
    private const string Attacker = "198.51.100.7";
    private const string WrongPassword = "Feil-passord-1";
    private const string TooManyFromAddress = "Det har vært for mange mislykkede innlogginger fra nettverket du er på, så innlogging herfra er stengt en stund. Prøv igjen om en time, eller logg inn fra et annet nettverk.";

    private KtuFactory App(int failedLoginsPerAddress = 100000)
    {
        var factory = new KtuFactory();
        factory.Settings["Security:BehindProxy"] = "true";
        factory.Settings["Security:TrustedProxies"] = "10.0.0.0/8";
        factory.Settings["Security:FailedLoginsPerAddressPerHour"] = failedLoginsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.TestServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FixedRemoteAddress(IPAddress.Parse("10.0.0.5")));
        _apps.Add(factory);
        return factory;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Wrong_passwords_from_one_network_lock_the_approver_out_only_there_and_the_open_session_goes_on()
    {
        var factory = App();
        const string approver = "leder.trondelag@demo.ktu";
        var session = await factory.CreateApiClientAsync(approver);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, approver, WrongPassword, from: Attacker));
        }
        // The attacker's network is locked out, even with the right password, from any machine in it.
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: Attacker));
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: "198.51.100.99"));

        // The approver is not: the session already open still works, and a log-in from the office network succeeds.
        using (var me = await session.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: null));
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: "203.0.113.9"));
        Assert.Contains("login.locked-out", await ActionsOnAsync(factory, approver));

        // The lock-out runs out after 15 minutes.
        factory.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: Attacker));
    }

    [Fact]
    public async Task Wrong_current_passwords_on_my_account_lock_out_only_their_network_and_the_session_goes_on()
    {
        var factory = App();
        const string approver = "leder.trondelag@demo.ktu";
        var password = new Uri("/api/v1/account/password", UriKind.Relative);
        // A session taken over from another network: its holder guesses the current password five times.
        var stolen = await factory.CreateApiClientAsync(approver);
        stolen.DefaultRequestHeaders.Add("X-Forwarded-For", Attacker);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await stolen.PostAsJsonAsync(password, new { currentPassword = WrongPassword, newPassword = "Nytt-passord-2026!" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.StartsWith("Passordet du har nå, er feil.", CurrentPasswordError(await wrong.Content.ReadFromJsonAsync<JsonElement>()), StringComparison.Ordinal);
        }
        // From that network, the right current password changes nothing now, and the log-in is refused too.
        using (var locked = await stolen.PostAsJsonAsync(password, new { currentPassword = KtuFactory.DemoPassword, newPassword = "Nytt-passord-2026!" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
            Assert.StartsWith("Det har vært for mange feil passord for kontoen fra nettverket du er på", CurrentPasswordError(await locked.Content.ReadFromJsonAsync<JsonElement>()), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: Attacker));
        Assert.Contains("login.locked-out", await ActionsOnAsync(factory, approver));

        // The account itself is not locked: the sessions go on, the log-in from the office network works with the old
        // password (it was not changed), and so does "my account" there.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == approver);
            Assert.Null(user.LockoutEnd);
            Assert.Equal(0, user.AccessFailedCount);
        }
        using (var me = await stolen.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, approver, KtuFactory.DemoPassword, from: null));
        var browser = await factory.CreateSignedInBrowserClientAsync(approver);
        using (var wrongOnPage = await browser.SubmitFormAsync("/konto?handler=Password", new Dictionary<string, string> { ["CurrentPassword"] = WrongPassword, ["NewPassword"] = "Nytt-passord-2026!" }))
        {
            Assert.Contains("Passordet du har nå, er feil.", await wrongOnPage.ReadTextAsync(), StringComparison.Ordinal);
        }
        using (var office = await factory.CreateApiClientAsync(approver))
        using (var changed = await office.PostAsJsonAsync(password, new { currentPassword = KtuFactory.DemoPassword, newPassword = "Nytt-passord-2026!" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }
    }

    private static string? CurrentPasswordError(JsonElement problem) => problem.GetProperty("errors").GetProperty("currentPassword")[0].GetString();

    [Fact]
    public async Task A_network_with_too_many_failed_log_ins_over_several_accounts_is_refused_with_429_on_the_api_and_the_page_and_others_are_not()
    {
        var factory = App(failedLoginsPerAddress: 3);

        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, "leder.trondelag@demo.ktu", WrongPassword, from: Attacker));
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, "leder2.trondelag@demo.ktu", WrongPassword, from: Attacker));
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, "finnes.ikke@demo.ktu", WrongPassword, from: "198.51.100.8"));

        // The network (198.51.100.0/24) has used its failed log-ins: even the right password is refused, and says why.
        using (var refused = await PostLoginAsync(factory, "saksbehandler.trondelag@demo.ktu", KtuFactory.DemoPassword, from: Attacker))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(TooManyFromAddress, problem.GetProperty("title").GetString());
            Assert.False(problem.TryGetProperty("accessToken", out _));
        }
        var browser = factory.CreateBrowserClient();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", Attacker);
        using (var page = await browser.SubmitFormAsync("/logg-inn", new Dictionary<string, string>
        {
            ["Email"] = "saksbehandler.trondelag@demo.ktu",
            ["Password"] = KtuFactory.DemoPassword,
        }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains(TooManyFromAddress, await page.ReadTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("ktu.auth=", StringComparison.Ordinal));
        }

        // Other networks log in as before.
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, "saksbehandler.trondelag@demo.ktu", KtuFactory.DemoPassword, from: null));
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, "leder.trondelag@demo.ktu", KtuFactory.DemoPassword, from: "203.0.113.9"));
    }

    [Fact]
    public async Task A_leader_unlocks_an_officer_locked_out_by_wrong_passwords_on_the_users_page_and_it_is_audited()
    {
        var factory = App();
        const string officer = "saksbehandler.trondelag@demo.ktu";
        await LockOutAsync(factory, officer);
        var leader = await factory.CreateSignedInBrowserClientAsync("leder.trondelag@demo.ktu");

        var html = await (await leader.GetAsync(new Uri($"/admin/brukere?Q={officer}", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Sperret etter feil passord", html, StringComparison.Ordinal);
        var action = WebUtility.HtmlDecode(UnlockForm().Match(html).Groups[1].Value);
        Assert.NotEmpty(action);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = Forms.AntiforgeryToken(html) });
        using var unlocked = await leader.PostAsync(new Uri(action, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, officer, KtuFactory.DemoPassword, from: Attacker));
        var entry = await LastEntryAsync(factory, officer, "user.unlocked");
        Assert.Equal("leder.trondelag@demo.ktu", entry.ActorEmail);
        Assert.Contains("198.51.100.0/24", entry.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_the_api_a_leader_unlocks_only_the_embetes_own_people_and_not_the_administrators_lock()
    {
        var factory = App();
        var leader = await factory.CreateApiClientAsync("leder.trondelag@demo.ktu");
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        await LockOutAsync(factory, "saksbehandler.innlandet@demo.ktu");
        await LockOutAsync(factory, "saksbehandler.trondelag@demo.ktu");

        // Another embete's officer: not found, and still locked out.
        using (var other = await UnlockAsync(leader, await IdOfAsync(factory, "saksbehandler.innlandet@demo.ktu")))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, "saksbehandler.innlandet@demo.ktu", KtuFactory.DemoPassword, from: Attacker));

        // Neither a case officer nor an application administrator unlocks anyone.
        var officer2 = await factory.CreateApiClientAsync("saksbehandler2.trondelag@demo.ktu");
        var applicationAdmin = await factory.CreateApiClientAsync("tilgangsstyrer.5001@demo.ktu");
        var officerId = await IdOfAsync(factory, "saksbehandler.trondelag@demo.ktu");
        using (var byOfficer = await UnlockAsync(officer2, officerId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        }
        using (var byApplicationAdmin = await UnlockAsync(applicationAdmin, officerId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byApplicationAdmin.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, "saksbehandler.trondelag@demo.ktu", KtuFactory.DemoPassword, from: Attacker));

        // The administrator's lock stays until the administrator lifts it.
        var lockedId = await IdOfAsync(factory, "leder2.trondelag@demo.ktu");
        using (var locked = await admin.PostAsync(new Uri($"/api/v1/admin/users/{lockedId}/lock", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
        }
        using (var refused = await UnlockAsync(leader, lockedId))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Kontoen er låst av administratoren, og bare administratoren kan låse den opp. Ingenting ble endret.", problem.GetProperty("title").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, "leder2.trondelag@demo.ktu", KtuFactory.DemoPassword, from: null));

        // The leader's own officer, and the administrator for anyone.
        using (var own = await UnlockAsync(leader, officerId))
        {
            Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, "saksbehandler.trondelag@demo.ktu", KtuFactory.DemoPassword, from: Attacker));
        using (var byAdmin = await UnlockAsync(admin, await IdOfAsync(factory, "saksbehandler.innlandet@demo.ktu")))
        {
            Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, "saksbehandler.innlandet@demo.ktu", KtuFactory.DemoPassword, from: Attacker));
        using (var adminLift = await UnlockAsync(admin, lockedId))
        {
            Assert.Equal(HttpStatusCode.NoContent, adminLift.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(factory, "leder2.trondelag@demo.ktu", KtuFactory.DemoPassword, from: null));
        Assert.Equal("leder.trondelag@demo.ktu", (await LastEntryAsync(factory, "saksbehandler.trondelag@demo.ktu", "user.unlocked")).ActorEmail);
    }

    [GeneratedRegex("""<form[^>]*action="([^"]*handler=Unlock[^"]*)"[^>]*>""")]
    private static partial Regex UnlockForm();

    private static async Task LockOutAsync(KtuFactory factory, string email)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, email, WrongPassword, from: Attacker));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(factory, email, KtuFactory.DemoPassword, from: Attacker));
    }

    private static Task<HttpResponseMessage> UnlockAsync(HttpClient api, string id) =>
        api.PostAsync(new Uri($"/api/v1/admin/users/{id}/unlock", UriKind.Relative), null);

    private static async Task<HttpStatusCode> LogInAsync(KtuFactory factory, string email, string password, string? from)
    {
        using var response = await PostLoginAsync(factory, email, password, from);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(KtuFactory factory, string email, string password, string? from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginApi) { Content = JsonContent.Create(new { email, password }) };
        if (from is not null)
        {
            request.Headers.Add("X-Forwarded-For", from);
        }
        return await factory.CreateBrowserClient().SendAsync(request);
    }

    private static async Task<string> IdOfAsync(KtuFactory factory, string email)
    {
        await using var scope = factory.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    private static async Task<List<string>> ActionsOnAsync(KtuFactory factory, string email)
    {
        var id = await IdOfAsync(factory, email);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    private static async Task<Ktu.Web.Domain.Audit.AuditEntry> LastEntryAsync(KtuFactory factory, string email, string action)
    {
        var id = await IdOfAsync(factory, email);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == id && e.Action == action).OrderBy(e => e.Sequence).LastAsync();
    }
}
