using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Assessment;

/// <summary>
/// Issue 16: a case moves through the embete's leader. The leader hands it to an officer without a conflict; an
/// officer cannot assign, a conflicted officer cannot be given it, and nothing moves once the allocation is sent.
/// </summary>
public sealed class CaseAssignmentTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task The_leader_reassigns_a_case_to_an_officer_without_a_conflict_and_nobody_else_can()
    {
        const string embete = "vestland";
        var bergen = await SubmitNewAsync("4601");
        var a = await factory.CreateApiClientAsync($"saksbehandler.{embete}@demo.ktu");
        var b = await factory.CreateApiClientAsync($"saksbehandler2.{embete}@demo.ktu");
        var leader = await factory.CreateApiClientAsync($"leder.{embete}@demo.ktu");
        var aId = await UserIdAsync($"saksbehandler.{embete}@demo.ktu");
        var bId = await UserIdAsync($"saksbehandler2.{embete}@demo.ktu");

        // A case officer cannot assign, not even to themself; the case stays as it was.
        var byOfficer = await a.PostAsJsonAsync($"/api/v1/cases/{bergen}/assignment", new { officerId = aId });
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Contains("Bare lederen", (await ReadAsync(byOfficer))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // An unknown officer is refused with a field error.
        var unknown = await leader.PostAsJsonAsync($"/api/v1/cases/{bergen}/assignment", new { officerId = "ingen-slik" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Velg en saksbehandler", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The leader gives the case to A, written to the audit trail under the leader's name.
        var toA = await leader.PostAsJsonAsync($"/api/v1/cases/{bergen}/assignment", new { officerId = aId });
        Assert.Equal(HttpStatusCode.OK, toA.StatusCode);
        Assert.StartsWith("Saksbehandler hos", (await ReadAsync(await a.GetAsync($"/api/v1/cases/{bergen}")))["assignedOfficer"]!.GetValue<string>(), StringComparison.Ordinal);
        var leaderId = await UserIdAsync($"leder.{embete}@demo.ktu");
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "case.reassigned" && e.EntityId == bergen && e.ActorUserId == leaderId));
        }

        // A declares a conflict (the case goes back to the leader); the leader cannot give it back to A.
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync($"/api/v1/cases/{bergen}/impartiality", new { conflict = true, reason = "Nær familie i kommunens ledelse." })).StatusCode);
        var toConflicted = await leader.PostAsJsonAsync($"/api/v1/cases/{bergen}/assignment", new { officerId = aId });
        Assert.Equal(HttpStatusCode.Conflict, toConflicted.StatusCode);
        Assert.Contains("inhabil", (await ReadAsync(toConflicted))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await ReadAsync(await b.GetAsync($"/api/v1/cases/{bergen}")))["assignedOfficer"]);

        // The leader gives it to B, who assesses and sends the allocation: from then on the leader cannot move the case either.
        await factory.AssignAndDeclareAsync(bergen, $"saksbehandler2.{embete}@demo.ktu", b);
        Assert.Equal(HttpStatusCode.OK, (await b.PutAsJsonAsync($"/api/v1/cases/{bergen}/assessment", new
        {
            lines = new object[]
            {
                new { lineId = "kompetanse-1-videreforing", score = 4 },
                new { lineId = "kompetanse-1-nye", score = 3 },
                new { lineId = "bpa-1", score = 5 },
                new { lineId = "prosjekt-1", score = 3, amount = 150_000, reason = "Hele budsjettet dekkes." },
            },
            completed = true,
        })).StatusCode);
        await SetPotAsync(embete, 10_000_000);
        var round = await ReadAsync(await b.GetAsync($"/api/v1/allocations/{OpenYear}"));
        Assert.Equal(HttpStatusCode.OK, (await b.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() })).StatusCode);
        var frozen = await leader.PostAsJsonAsync($"/api/v1/cases/{bergen}/assignment", new { officerId = bId });
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Contains("venter på godkjenning", (await ReadAsync(frozen))["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declaring_no_conflict_on_an_unassigned_case_does_not_hand_it_to_the_declarer()
    {
        const string embete = "innlandet";
        var hamar = await SubmitNewAsync("3403");
        var officer = await factory.CreateApiClientAsync($"saksbehandler.{embete}@demo.ktu");

        var declared = await officer.PostAsJsonAsync($"/api/v1/cases/{hamar}/impartiality", new { conflict = false });
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains("lederen som tildeler", (await ReadAsync(declared))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await ReadAsync(await officer.GetAsync($"/api/v1/cases/{hamar}")))["assignedOfficer"]);

        // The unassigned case cannot be assessed by whoever declared first; nothing is saved.
        var assess = await officer.PutAsJsonAsync($"/api/v1/cases/{hamar}/assessment", new
        {
            lines = new object[] { new { lineId = "bpa-1", score = 4 } },
        });
        Assert.Equal(HttpStatusCode.Conflict, assess.StatusCode);
        Assert.Contains("ikke tildelt deg", (await ReadAsync(assess))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal("[]", (await db.CaseFiles.SingleAsync(c => c.ApplicationId == Guid.Parse(hamar))).AssessmentsJson);
            Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityId == hamar && (e.Action == "case.assigned" || e.Action == "case.reassigned")));
        }

        // The leader's inbox shows it as not assigned; once the leader assigns it, the officer may assess.
        var inbox = await (await factory.CreateApiClientAsync($"leder.{embete}@demo.ktu")).GetStringAsync($"/api/v1/cases?year={OpenYear}");
        Assert.Contains(hamar, inbox, StringComparison.Ordinal);
        await factory.AssignAsync(hamar, $"saksbehandler.{embete}@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/cases/{hamar}/assessment", new
        {
            lines = new object[] { new { lineId = "bpa-1", score = 4 } },
        })).StatusCode);
    }

    [Fact]
    public async Task The_leader_assigns_from_the_case_page_and_an_officer_sees_no_such_control()
    {
        const string embete = "agder";
        var kristiansand = await SubmitNewAsync("4204");
        var officerId = await UserIdAsync($"saksbehandler2.{embete}@demo.ktu");
        var path = new Uri($"/saksbehandling/sak/{kristiansand}", UriKind.Relative);

        var officer = await factory.CreateSignedInBrowserClientAsync($"saksbehandler.{embete}@demo.ktu");
        Assert.DoesNotContain("assign-form", await (await officer.GetAsync(path)).ReadTextAsync(), StringComparison.Ordinal);

        var leader = await factory.CreateSignedInBrowserClientAsync($"leder.{embete}@demo.ktu");
        var page = await (await leader.GetAsync(path)).ReadTextAsync();
        Assert.Contains("assign-form", page, StringComparison.Ordinal);
        Assert.Contains(officerId, page, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = Forms.AntiforgeryToken(page),
            ["OfficerId"] = officerId,
        });
        var posted = await leader.PostAsync(new Uri($"/saksbehandling/sak/{kristiansand}?handler=Assign", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await (await leader.GetAsync(new Uri($"{posted.RedirectPath()}?ok=tildelt", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Saken er tildelt Saksbehandler 2", after, StringComparison.Ordinal);
    }

    private async Task SetPotAsync(string embete, long amount)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.SingleOrDefaultAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == embete);
        if (pot is null)
        {
            db.Pots.Add(new Pot { SchemeYear = OpenYear, EmbeteId = embete, Amount = amount });
        }
        else
        {
            pot.Amount = amount;
        }
        await db.SaveChangesAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    private async Task<string> SubmitNewAsync(string municipalityNumber)
    {
        var api = await factory.ApplicantAsync(municipalityNumber);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
        return Id(draft);
    }
}
