using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Administration;

/// <summary>
/// Invitations by e-mail through the outbox with a one-time link, nobody granting more than they have, and the
/// administrator's lock, which stops a user's cookie and token at once.
/// </summary>
public sealed partial class InvitationTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Password = "Invitert-2026!";

    [Fact]
    public async Task An_invited_applicant_gets_an_email_whose_link_sets_the_password_once_and_can_then_apply()
    {
        const string email = "ny.soker@example.org";
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var organisationId = await OrganisationIdAsync("5035");

        var invited = await admin.PostAsJsonAsync("/api/v1/admin/invitations", new { email, fullName = "Ny Søker", role = Roles.Applicant, organisationId });

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal("open", (await ReadAsync(invited))["state"]!.GetValue<string>());
        var path = await LinkInEmailToAsync(email);
        var browser = factory.CreateBrowserClient();
        var set = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Password"] = Password, ["Repeated"] = Password });
        Assert.Contains("Passordet er lagret", await set.ReadTextAsync(), StringComparison.Ordinal);

        var again = await factory.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("Lenken er allerede brukt.", await again.ReadTextAsync(), StringComparison.Ordinal);
        var applicant = await factory.CreateApiClientAsync(email, Password);
        var started = await applicant.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var list = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/v1/admin/invitations", UriKind.Relative)))!.AsArray();
        Assert.Equal("used", list.Single(i => i!["email"]!.GetValue<string>() == email)!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invitation_link_expires_after_24_hours_and_then_sets_nothing()
    {
        const string email = "sen.saksbehandler@example.org";
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var invited = await admin.PostAsJsonAsync("/api/v1/admin/invitations", new { email, role = Roles.CaseOfficer, embeteId = "agder" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var path = await LinkInEmailToAsync(email);

        factory.Time.Advance(TimeSpan.FromHours(24));
        var expired = await factory.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Contains("Lenken er utløpt.", await expired.ReadTextAsync(), StringComparison.Ordinal);
        admin = await factory.CreateApiClientAsync("admin@demo.ktu"); // its token lasted an hour
        var list = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/v1/admin/invitations", UriKind.Relative)))!.AsArray();
        Assert.Equal("expired", list.Single(i => i!["email"]!.GetValue<string>() == email)!["state"]!.GetValue<string>());
        var login = await factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task A_leader_invites_only_the_embetes_own_staff_and_nobody_grants_more_than_they_have()
    {
        var leader = await factory.CreateApiClientAsync("leder.trondelag@demo.ktu");
        var officer = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var users = await CountUsersAsync();

        var asAdmin = await leader.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "vil.bli.admin@example.org", role = Roles.Admin });
        var otherEmbete = await leader.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "annet.embete@example.org", role = Roles.CaseOfficer, embeteId = "nordland" });
        var byOfficer = await officer.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "fra.saksbehandler@example.org", role = Roles.CaseOfficer, embeteId = "trondelag" });
        var lockByLeader = await leader.PostAsync(new Uri($"/api/v1/admin/users/{await UserIdAsync("saksbehandler2.trondelag@demo.ktu")}/lock", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Contains("Du kan ikke gi en rolle du ikke selv kan gi", await asAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherEmbete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lockByLeader.StatusCode);
        Assert.Equal(users, await CountUsersAsync());

        var own = await leader.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "ny.kollega@example.org", role = Roles.CaseOfficer, embeteId = "trondelag" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var seen = JsonNode.Parse(await leader.GetStringAsync(new Uri("/api/v1/admin/users", UriKind.Relative)))!.AsArray();
        Assert.All(seen, u => Assert.Equal("trondelag", u!["embeteId"]!.GetValue<string>()));
        Assert.Contains(seen, u => u!["email"]!.GetValue<string>() == "ny.kollega@example.org" && !u["hasPassword"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Wrong_input_is_refused_in_norwegian_and_an_existing_address_is_not_invited_again()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var users = await CountUsersAsync();

        var bad = await admin.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "ikke-epost", role = Roles.Applicant });
        var existing = await admin.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "soker.5001@demo.ktu", role = Roles.Directorate });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ReadAsync(bad))["errors"]!.AsObject();
        Assert.Contains("gyldig e-postadresse", errors["email"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("organisasjon", errors["organisationId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, existing.StatusCode);
        Assert.Contains("Det finnes allerede en bruker med e-postadressen soker.5001@demo.ktu.", await existing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(users, await CountUsersAsync());
    }

    [Fact]
    public async Task A_locked_users_cookie_and_token_stop_at_once_and_unlocking_lets_them_back_in()
    {
        const string email = "soker.5036@demo.ktu";
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var token = await factory.CreateApiClientAsync(email);
        var cookie = await factory.CreateSignedInBrowserClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        var id = await UserIdAsync(email);

        var locked = await admin.PostAsync(new Uri($"/api/v1/admin/users/{id}/lock", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.Equal("/logg-inn", (await cookie.GetAsync(new Uri("/", UriKind.Relative))).RedirectPath());
        var login = await factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = KtuFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        // Not a lock that runs out after 15 minutes like the one after wrong passwords.
        factory.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = KtuFactory.DemoPassword })).StatusCode);
        admin = await factory.CreateApiClientAsync("admin@demo.ktu"); // its token lasted an hour
        var listed = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/v1/admin/users?q=soker.5036", UriKind.Relative)))!.AsArray();
        Assert.True(Assert.Single(listed)!["locked"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(new Uri($"/api/v1/admin/users/{id}/unlock", UriKind.Relative), null)).StatusCode);
        var back = await factory.CreateApiClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(new Uri($"/api/v1/admin/users/{await UserIdAsync("admin@demo.ktu")}/lock", UriKind.Relative), null)).StatusCode);
    }

    [GeneratedRegex(@"https?://[^\s]+/konto/sett-passord\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();

    private async Task<string> LinkInEmailToAsync(string email)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = await db.OutboxMessages.SingleAsync(m => m.To == email);
        Assert.Equal("Du er invitert til KTU", message.Subject);
        var match = LinkPattern().Match(message.Body);
        Assert.True(match.Success, message.Body);
        return new Uri(match.Value).PathAndQuery;
    }

    private async Task<int> OrganisationIdAsync(string municipalityNumber)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations
            .Where(o => o.MunicipalityNumber == municipalityNumber).Select(o => o.Id).SingleAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> CountUsersAsync()
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync();
    }
}
