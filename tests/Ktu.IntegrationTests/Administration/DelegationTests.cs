using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Administration;

/// <summary>
/// Delegation the way Altinn does it: an application administrator manages the organisation's applicant access, an embete's
/// leader the embete's case officers and approvers, the directorate the directorate's users, the administrator everyone. Nobody
/// grants more than they have, nobody sees another organisation's people, a revoked access stops at once for cookies and
/// tokens already issued, and every grant and revoke is in the audit trail with who, whom, which role, before and after.
/// </summary>
public sealed class DelegationTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string ApplicationAdmin = "tilgangsstyrer.5001@demo.ktu";

    [Fact]
    public async Task A_revoked_applicant_access_stops_at_once_for_the_token_already_issued_and_is_audited()
    {
        const string colleague = "soker.5001@demo.ktu";
        var admin = await factory.CreateApiClientAsync(ApplicationAdmin);
        var token = await factory.CreateApiClientAsync(colleague);
        var cookie = await factory.CreateSignedInBrowserClientAsync(colleague);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync(Url("/api/v1/applications"))).StatusCode);
        var id = await UserIdAsync(colleague);

        var revoked = await admin.DeleteAsync(Url($"/api/v1/admin/users/{id}/roles/{Roles.Applicant}"));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Empty((await ReadAsync(revoked))["roles"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(Url("/api/v1/applications"))).StatusCode);
        Assert.Equal("/logg-inn", (await cookie.GetAsync(Url("/"))).RedirectPath());
        var again = await factory.CreateApiClientAsync(colleague); // signs in, but without access to the organisation's applications
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(Url("/api/v1/applications"))).StatusCode);

        var granted = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{id}/roles"), new { role = Roles.Applicant });

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync(Url("/api/v1/applications"))).StatusCode); // a grant renews the stamp too
        var back = await factory.CreateApiClientAsync(colleague);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync(Url("/api/v1/applications"))).StatusCode);
        var entries = await AuditOfAsync(id);
        var revoke = Assert.Single(entries, e => e.Action == "user.role-revoked");
        Assert.Equal(ApplicationAdmin, revoke.ActorEmail);
        Assert.Contains(Roles.Applicant, revoke.Before, StringComparison.Ordinal);
        Assert.Contains("\"roles\":[]", revoke.After, StringComparison.Ordinal);
        Assert.Contains($"\"role\":\"{Roles.Applicant}\"", revoke.After, StringComparison.Ordinal);
        var grant = Assert.Single(entries, e => e.Action == "user.role-granted");
        Assert.Contains($"\"roles\":[\"{Roles.Applicant}\"]", grant.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_administrator_cannot_escalate_nor_touch_another_organisations_people()
    {
        var admin = await factory.CreateApiClientAsync(ApplicationAdmin);
        var colleague = await UserIdAsync("soker.5001@demo.ktu");
        var stranger = await UserIdAsync("soker.5006@demo.ktu");
        var officer = await UserIdAsync("saksbehandler.trondelag@demo.ktu");
        var (users, roles, audit) = await CountsAsync();

        var asOfficer = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = Roles.CaseOfficer });
        var asAdmin = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = Roles.Admin });
        var asApplicationAdmin = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = Roles.ApplicationAdmin });
        var otherOrganisation = await admin.DeleteAsync(Url($"/api/v1/admin/users/{stranger}/roles/{Roles.Applicant}"));
        var staff = await admin.DeleteAsync(Url($"/api/v1/admin/users/{officer}/roles/{Roles.CaseOfficer}"));
        var self = await admin.DeleteAsync(Url($"/api/v1/admin/users/{await UserIdAsync(ApplicationAdmin)}/roles/{Roles.Applicant}"));
        var noRole = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = "superuser" });
        var inviteOfficer = await admin.PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email = "vil.bli.saksbehandler@example.org", role = Roles.CaseOfficer, embeteId = "trondelag" });
        var inviteElsewhere = await admin.PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email = "annen.kommune@example.org", role = Roles.Applicant, organisationId = await OrganisationIdAsync("5006") });
        var byApplicant = await (await factory.CreateApiClientAsync("soker.5006@demo.ktu")).DeleteAsync(Url($"/api/v1/admin/users/{colleague}/roles/{Roles.Applicant}"));

        Assert.Equal(HttpStatusCode.Forbidden, asOfficer.StatusCode);
        Assert.Contains("Du kan ikke gi eller ta en rolle du ikke selv kan gi", await asOfficer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asApplicationAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherOrganisation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("Du kan ikke endre dine egne roller", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Equal("Velg en rolle.", (await ReadAsync(noRole))["errors"]!["role"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, inviteOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inviteElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
        Assert.Equal((users, roles, audit), await CountsAsync());
        var seen = JsonNode.Parse(await admin.GetStringAsync(Url("/api/v1/admin/users")))!.AsArray();
        var trondheim = await OrganisationIdAsync("5001");
        Assert.All(seen, u => Assert.Equal(trondheim, u!["organisationId"]!.GetValue<int>()));
        Assert.Contains(seen, u => u!["email"]!.GetValue<string>() == "soker.5001@demo.ktu");
    }

    [Fact]
    public async Task An_application_administrator_invites_a_colleague_to_the_own_organisation_without_naming_it()
    {
        const string email = "ny.kollega.trondheim@example.org";
        var admin = await factory.CreateApiClientAsync(ApplicationAdmin);

        var invited = await admin.PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email, role = Roles.Applicant });

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(await OrganisationIdAsync("5001"), (await ReadAsync(invited))["organisationId"]!.GetValue<int>());
        var invitations = JsonNode.Parse(await admin.GetStringAsync(Url("/api/v1/admin/invitations")))!.AsArray();
        Assert.Contains(invitations, i => i!["email"]!.GetValue<string>() == email);
    }

    [Fact]
    public async Task A_leader_adds_and_removes_the_embetes_officers_and_approvers_but_grants_no_administrator()
    {
        const string officerEmail = "saksbehandler2.trondelag@demo.ktu";
        var leader = await factory.CreateApiClientAsync("leder.trondelag@demo.ktu");
        var officerToken = await factory.CreateApiClientAsync(officerEmail);
        Assert.Equal(HttpStatusCode.OK, (await officerToken.GetAsync(Url("/api/v1/me"))).StatusCode);
        var officer = await UserIdAsync(officerEmail);

        var approver = await leader.PostAsJsonAsync(Url($"/api/v1/admin/users/{officer}/roles"), new { role = Roles.Approver });
        Assert.Equal(HttpStatusCode.OK, approver.StatusCode);
        Assert.Equal([Roles.Approver, Roles.CaseOfficer], (await ReadAsync(approver))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var revoked = await leader.DeleteAsync(Url($"/api/v1/admin/users/{officer}/roles/{Roles.CaseOfficer}"));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officerToken.GetAsync(Url("/api/v1/me"))).StatusCode);

        var (users, roles, audit) = await CountsAsync();
        var asAdmin = await leader.PostAsJsonAsync(Url($"/api/v1/admin/users/{officer}/roles"), new { role = Roles.Admin });
        var asDirectorate = await leader.PostAsJsonAsync(Url($"/api/v1/admin/users/{officer}/roles"), new { role = Roles.Directorate });
        var otherEmbete = await leader.DeleteAsync(Url($"/api/v1/admin/users/{await UserIdAsync("saksbehandler.nordland@demo.ktu")}/roles/{Roles.CaseOfficer}"));
        var applicant = await leader.DeleteAsync(Url($"/api/v1/admin/users/{await UserIdAsync("soker.5006@demo.ktu")}/roles/{Roles.Applicant}"));
        var byOfficer = await (await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu"))
            .DeleteAsync(Url($"/api/v1/admin/users/{await UserIdAsync("leder2.trondelag@demo.ktu")}/roles/{Roles.Approver}"));

        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asDirectorate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherEmbete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, applicant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal((users, roles, audit), await CountsAsync());
        var entries = await AuditOfAsync(officer);
        Assert.Equal(["user.role-granted", "user.role-revoked"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("leder.trondelag@demo.ktu", e.ActorEmail));
    }

    [Fact]
    public async Task The_administrator_manages_the_directorates_users_and_a_role_must_fit_the_account()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var directorate = await UserIdAsync("direktorat@demo.ktu");
        var directorateToken = await factory.CreateApiClientAsync("direktorat@demo.ktu");
        var (users, roles, audit) = await CountsAsync();

        var asApplicant = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{directorate}/roles"), new { role = Roles.Applicant });
        var adminToApplicant = await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{await UserIdAsync("soker.5006@demo.ktu")}/roles"), new { role = Roles.Admin });

        Assert.Equal(HttpStatusCode.Conflict, asApplicant.StatusCode);
        Assert.Contains("passer ikke for denne brukeren", await asApplicant.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, adminToApplicant.StatusCode);
        Assert.Equal((users, roles, audit), await CountsAsync());

        var revoked = await admin.DeleteAsync(Url($"/api/v1/admin/users/{directorate}/roles/{Roles.Directorate}"));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await directorateToken.GetAsync(Url("/api/v1/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(Url($"/api/v1/admin/users/{directorate}/roles"), new { role = Roles.Directorate })).StatusCode);
        Assert.Equal(["user.role-revoked", "user.role-granted"], (await AuditOfAsync(directorate)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_directorate_invites_and_manages_the_directorates_users_but_grants_nothing_beyond_its_own_role()
    {
        const string email = "ny.radgiver@helsedir.example.org";
        var directorate = await factory.CreateApiClientAsync("direktorat@demo.ktu");

        var invited = await directorate.PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email, fullName = "Ny Rådgiver", role = Roles.Directorate });

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var colleague = await UserIdAsync(email);
        var seen = JsonNode.Parse(await directorate.GetStringAsync(Url("/api/v1/admin/users")))!.AsArray().Select(u => u!["email"]!.GetValue<string>()).ToList();
        Assert.Contains(email, seen);
        Assert.DoesNotContain("admin@demo.ktu", seen);
        Assert.DoesNotContain("soker.5001@demo.ktu", seen);
        Assert.DoesNotContain("leder.trondelag@demo.ktu", seen);
        var revoked = await directorate.DeleteAsync(Url($"/api/v1/admin/users/{colleague}/roles/{Roles.Directorate}"));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Empty((await ReadAsync(revoked))["roles"]!.AsArray());
        var granted = await directorate.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = Roles.Directorate });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var entries = await AuditOfAsync(colleague);
        Assert.Equal(["user.invited", "user.role-revoked", "user.role-granted"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("direktorat@demo.ktu", e.ActorEmail));

        var (users, roles, audit) = await CountsAsync();
        var asAdmin = await directorate.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = Roles.Admin });
        var asOfficer = await directorate.PostAsJsonAsync(Url($"/api/v1/admin/users/{colleague}/roles"), new { role = Roles.CaseOfficer });
        var inviteAdmin = await directorate.PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email = "vil.bli.admin@example.org", role = Roles.Admin });
        var inviteApprover = await directorate.PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email = "vil.bli.leder@example.org", role = Roles.Approver, embeteId = "trondelag" });
        var officer = await directorate.DeleteAsync(Url($"/api/v1/admin/users/{await UserIdAsync("saksbehandler.trondelag@demo.ktu")}/roles/{Roles.CaseOfficer}"));
        var administrator = await directorate.DeleteAsync(Url($"/api/v1/admin/users/{await UserIdAsync("admin@demo.ktu")}/roles/{Roles.Admin}"));
        var applicant = await directorate.PostAsJsonAsync(Url($"/api/v1/admin/users/{await UserIdAsync("soker.5001@demo.ktu")}/roles"), new { role = Roles.Directorate });
        var lockUser = await directorate.PostAsync(Url($"/api/v1/admin/users/{colleague}/lock"), null);

        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Contains("Du kan ikke gi eller ta en rolle du ikke selv kan gi", await asAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inviteAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inviteApprover.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, officer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, administrator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, applicant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lockUser.StatusCode);
        Assert.Equal((users, roles, audit), await CountsAsync());
        var asOfficerToo = await (await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu"))
            .PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email = "vil.bli.direktorat@example.org", role = Roles.Directorate });
        Assert.Equal(HttpStatusCode.Forbidden, asOfficerToo.StatusCode);
    }

    [Fact]
    public async Task On_the_users_page_the_directorate_sees_its_own_people_and_invites_a_colleague()
    {
        const string email = "side.direktorat@example.org";
        var browser = await factory.CreateSignedInBrowserClientAsync("direktorat@demo.ktu");

        var invite = await (await browser.GetAsync(Url("/admin/brukere/inviter"))).ReadTextAsync();
        var posted = await browser.PostAsync(Url("/admin/brukere/inviter"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = Forms.AntiforgeryToken(invite),
            ["Input.Email"] = email,
            ["Input.Role"] = Roles.Directorate,
        }));

        Assert.Equal("/admin/brukere", posted.RedirectPath());
        var page = await (await browser.GetAsync(Url("/admin/brukere"))).ReadTextAsync();
        Assert.Contains("Her ser du brukerne i Helsedirektoratet", page, StringComparison.Ordinal);
        Assert.Contains($"Fjern «Helsedirektoratet» fra {email}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@demo.ktu", page, StringComparison.Ordinal);
        Assert.DoesNotContain("soker.5001@demo.ktu", page, StringComparison.Ordinal);
        Assert.DoesNotContain("«Administrator»", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_users_page_an_application_administrator_sees_only_the_own_organisation_and_revokes_with_a_button()
    {
        const string email = "side.kollega@example.org";
        var invited = await (await factory.CreateApiClientAsync(ApplicationAdmin)).PostAsJsonAsync(Url("/api/v1/admin/invitations"), new { email, role = Roles.Applicant });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var browser = await factory.CreateSignedInBrowserClientAsync(ApplicationAdmin);
        var colleague = await UserIdAsync(email);

        var page = await (await browser.GetAsync(Url("/admin/brukere"))).ReadTextAsync();

        Assert.Contains("soker.5001@demo.ktu", page, StringComparison.Ordinal);
        Assert.DoesNotContain("soker.5006@demo.ktu", page, StringComparison.Ordinal);
        Assert.DoesNotContain("saksbehandler.trondelag@demo.ktu", page, StringComparison.Ordinal);
        Assert.Contains($"Fjern «Søker» fra {email}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("«Saksbehandler»", page, StringComparison.Ordinal);
        Assert.DoesNotContain("«Administrator»", page, StringComparison.Ordinal);
        var token = Forms.AntiforgeryToken(page);
        var posted = await browser.PostAsync(Url($"/admin/brukere?handler=Revoke&id={colleague}&role={Roles.Applicant}"),
            new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["email"] = email }));
        Assert.Equal("/admin/brukere", posted.RedirectPath());
        var after = await (await browser.GetAsync(Url("/admin/brukere"))).ReadTextAsync();
        Assert.Contains($"Rollen «Søker» er tatt fra {email}", after, StringComparison.Ordinal);
        Assert.Contains($"Gi «Søker» til {email}", after, StringComparison.Ordinal);

        var stranger = await UserIdAsync("soker.5006@demo.ktu");
        var refused = await browser.PostAsync(Url($"/admin/brukere?handler=Grant&id={stranger}&role={Roles.Applicant}"),
            new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["email"] = "soker.5006@demo.ktu" }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> OrganisationIdAsync(string municipalityNumber)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations
            .Where(o => o.MunicipalityNumber == municipalityNumber).Select(o => o.Id).SingleAsync();
    }

    private async Task<List<(string Action, string? ActorEmail, string Before, string After)>> AuditOfAsync(string userId)
    {
        await using var scope = factory.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .Where(e => e.EntityType == "User" && e.EntityId == userId && !e.Action.StartsWith("login.")).OrderBy(e => e.Id).ToListAsync();
        return entries.Select(e => (e.Action, e.ActorEmail, e.Before ?? "", e.After ?? "")).ToList();
    }

    /// <summary>Users, roles and audit entries, leaving out log-ins: a refused call still logged its caller in.</summary>
    private async Task<(int Users, int Roles, int Audit)> CountsAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.AuditEntries.CountAsync(e => !e.Action.StartsWith("login.")));
    }
}
