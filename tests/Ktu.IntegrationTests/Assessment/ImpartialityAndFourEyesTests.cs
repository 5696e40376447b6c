using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Assessment;

/// <summary>
/// Issue 16's attacks from inside the embete, over HTTP: a declared conflict stands and keeps its holder away from the
/// case's note and money; approvers declare too; declarations freeze once the allocation is sent; and nobody approves
/// an allocation they assessed, adjusted, sent or have a conflict in, also after moving the case away or holding both roles.
/// </summary>
public sealed class ImpartialityAndFourEyesTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task A_declared_conflict_stands_and_keeps_its_holder_away_from_the_note_the_money_and_the_approval()
    {
        const string embete = "rogaland";
        var stavanger = await SubmitNewAsync("1103");
        var sandnes = await SubmitNewAsync("1108");
        await SetPotAsync(embete, 10_000_000);
        var a = await factory.CreateApiClientAsync($"saksbehandler.{embete}@demo.ktu");
        var b = await factory.CreateApiClientAsync($"saksbehandler2.{embete}@demo.ktu");

        // The leader gives Stavanger to A. A declares a conflict: the case goes back to the leader (to nobody), and A
        // cannot take the declaration back.
        await factory.AssignAsync(stavanger, $"saksbehandler.{embete}@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync($"/api/v1/cases/{stavanger}/impartiality", new { conflict = true, reason = "Nær familie i kommunens ledelse." })).StatusCode);
        var takeBack = await a.PostAsJsonAsync($"/api/v1/cases/{stavanger}/impartiality", new { conflict = false });
        Assert.Equal(HttpStatusCode.Conflict, takeBack.StatusCode);
        Assert.Contains("erklæringen står", (await ReadAsync(takeBack))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await ReadAsync(await a.GetAsync($"/api/v1/cases/{stavanger}")))["assignedOfficer"]);

        // The leader gives it to B, who assesses Stavanger at half; A gets and assesses Sandnes.
        await factory.AssignAndDeclareAsync(stavanger, $"saksbehandler2.{embete}@demo.ktu", b);
        Assert.Equal(HttpStatusCode.OK, (await AssessAsync(b, stavanger, half: true, note: "Intern merknad om Stavanger.")).StatusCode);
        await factory.AssignAndDeclareAsync(sandnes, $"saksbehandler.{embete}@demo.ktu", a);
        Assert.Equal(HttpStatusCode.OK, (await AssessAsync(a, sandnes, half: false, note: "Merknad om Sandnes.")).StatusCode);

        // The internal note is not shown to the one with a conflict, over the API or on the page.
        Assert.Null((await ReadAsync(await a.GetAsync($"/api/v1/cases/{stavanger}")))["internalNote"]);
        Assert.Equal("Intern merknad om Stavanger.", (await ReadAsync(await b.GetAsync($"/api/v1/cases/{stavanger}")))["internalNote"]!.GetValue<string>());
        var page = await (await factory.CreateSignedInBrowserClientAsync($"saksbehandler.{embete}@demo.ktu")).GetAsync(new Uri($"/saksbehandling/sak/{stavanger}", UriKind.Relative));
        Assert.DoesNotContain("Intern merknad om Stavanger.", await page.ReadTextAsync(), StringComparison.Ordinal);

        // A cannot set Stavanger's money: raising its lines to the applied amounts is refused, and nothing changes.
        var round = await ReadAsync(await a.GetAsync($"/api/v1/allocations/{OpenYear}"));
        var lines = round["lines"]!.AsArray().Select(l => l!.AsObject()).ToList();
        var stavangerLines = lines.Where(l => l["applicationId"]!.GetValue<string>() == stavanger && l["score"]!.GetValue<int>() > 0).ToList();
        var raise = await a.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            version = round["version"]!.GetValue<int>(),
            adjustments = stavangerLines.Select(l => new { lineKey = l["key"]!.GetValue<string>(), amount = l["amountApplied"]!.GetValue<long>(), reason = "Full finansiering." }),
        });
        Assert.Equal(HttpStatusCode.Conflict, raise.StatusCode);
        Assert.Contains("inhabil i saken om Stavanger", (await ReadAsync(raise))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = await ReadAsync(await a.GetAsync($"/api/v1/allocations/{OpenYear}"));
        Assert.Equal(round["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(round["totalFinal"]!.GetValue<long>(), after["totalFinal"]!.GetValue<long>());

        // B may adjust Stavanger; A may then adjust Sandnes as long as B's adjustment is sent back unchanged.
        var bLine = stavangerLines[0];
        var bAdjusted = await ReadAsync(await b.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            version = after["version"]!.GetValue<int>(),
            adjustments = new[] { new { lineKey = bLine["key"]!.GetValue<string>(), amount = 1_000L, reason = "Redusert etter vurdering." } },
        }));
        var sandnesLine = lines.First(l => l["applicationId"]!.GetValue<string>() == sandnes && l["score"]!.GetValue<int>() > 0);
        var aAdjusted = await a.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            version = bAdjusted["version"]!.GetValue<int>(),
            adjustments = new[]
            {
                new { lineKey = bLine["key"]!.GetValue<string>(), amount = 1_000L, reason = "Redusert etter vurdering." },
                new { lineKey = sandnesLine["key"]!.GetValue<string>(), amount = 2_000L, reason = "Redusert etter vurdering." },
            },
        });
        Assert.Equal(HttpStatusCode.OK, aAdjusted.StatusCode);
        var adjusted = await ReadAsync(aAdjusted);
        // Dropping B's adjustment on Stavanger is a change to Stavanger's money too.
        Assert.Equal(HttpStatusCode.Conflict, (await a.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            version = adjusted["version"]!.GetValue<int>(),
            adjustments = new[] { new { lineKey = sandnesLine["key"]!.GetValue<string>(), amount = 2_000L, reason = "Redusert etter vurdering." } },
        })).StatusCode);

        // An approver declares a conflict on Sandnes (approvers declare too); the case stays with its officer.
        var leader2 = await factory.CreateApiClientAsync($"leder2.{embete}@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await leader2.PostAsJsonAsync($"/api/v1/cases/{sandnes}/impartiality", new { conflict = true, reason = "Søsteren min leder prosjektet." })).StatusCode);
        Assert.StartsWith("Saksbehandler hos", (await ReadAsync(await a.GetAsync($"/api/v1/cases/{sandnes}")))["assignedOfficer"]!.GetValue<string>(), StringComparison.Ordinal);

        var submitted = await b.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = adjusted["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // Frozen while awaiting approval: nobody declares, so nobody moves a case.
        var leader = await factory.CreateApiClientAsync($"leder.{embete}@demo.ktu");
        var frozen = await leader.PostAsJsonAsync($"/api/v1/cases/{stavanger}/impartiality", new { conflict = false });
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Contains("venter på godkjenning", (await ReadAsync(frozen))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // The approver sees, per line, who assessed and who adjusted it, and when, over the API and on the page.
        var seen = await ReadAsync(await leader.GetAsync($"/api/v1/allocations/{OpenYear}"));
        var seenLines = seen["lines"]!.AsArray().Select(l => l!.AsObject()).ToList();
        var stavangerSeen = seenLines.Single(l => l["key"]!.GetValue<string>() == bLine["key"]!.GetValue<string>());
        Assert.StartsWith("Saksbehandler 2", stavangerSeen["assessedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(stavangerSeen["assessedAt"]);
        Assert.StartsWith("Saksbehandler 2", stavangerSeen["adjustedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(stavangerSeen["adjustedAt"]);
        var sandnesSeen = seenLines.Single(l => l["key"]!.GetValue<string>() == sandnesLine["key"]!.GetValue<string>());
        Assert.StartsWith("Saksbehandler hos", sandnesSeen["assessedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Saksbehandler hos", sandnesSeen["adjustedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(seenLines.First(l => l["applicationId"]!.GetValue<string>() == sandnes && l["key"]!.GetValue<string>() != sandnesLine["key"]!.GetValue<string>())["adjustedBy"]);
        var approvalPage = await (await (await factory.CreateSignedInBrowserClientAsync($"leder.{embete}@demo.ktu")).GetAsync(new Uri($"/saksbehandling/fordeling/{OpenYear}", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Vurdert av Saksbehandler 2 hos", approvalPage, StringComparison.Ordinal);
        Assert.Contains("Justert av Saksbehandler 2 hos", approvalPage, StringComparison.Ordinal);

        // Nobody approves before the application deadline has passed: more applications may still come in.
        var early = await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("før søknadsfristen er ute", (await ReadAsync(early))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.GrantDecisions.AnyAsync(d => d.EmbeteId == embete && d.SchemeYear == OpenYear));
        }
        await factory.PassApplicationDeadlineAsync(embete, OpenYear);

        // The approver with a conflict in the allocation cannot approve it; the other approver can.
        var refused = await leader2.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("inhabil", (await ReadAsync(refused))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);
    }

    [Fact]
    public async Task Someone_with_both_roles_who_assessed_a_case_cannot_approve_after_moving_it_away_by_a_conflict()
    {
        const string embete = "nordland";
        var bodo = await SubmitNewAsync("1804");
        await SetPotAsync(embete, 10_000_000);
        var dualEmail = $"saksbehandler.{embete}@demo.ktu";
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(dualEmail);
            Assert.True((await users.AddToRoleAsync(user!, Roles.Approver)).Succeeded);
        }
        var dual = await factory.CreateApiClientAsync(dualEmail);
        await factory.AssignAndDeclareAsync(bodo, dualEmail, dual);
        Assert.Equal(HttpStatusCode.OK, (await AssessAsync(dual, bodo, half: false, note: null)).StatusCode);
        // Now "discovers" a conflict: the case goes back to the leader, the assessment stays.
        Assert.Equal(HttpStatusCode.OK, (await dual.PostAsJsonAsync($"/api/v1/cases/{bodo}/impartiality", new { conflict = true, reason = "Oppdaget nær familie." })).StatusCode);

        var other = await factory.CreateApiClientAsync($"saksbehandler2.{embete}@demo.ktu");
        var round = await ReadAsync(await other.GetAsync($"/api/v1/allocations/{OpenYear}"));
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() })).StatusCode);
        await factory.PassApplicationDeadlineAsync(embete, OpenYear);

        var refused = await dual.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("fire øyne", (await ReadAsync(refused))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.GrantDecisions.AnyAsync(d => d.EmbeteId == embete && d.SchemeYear == OpenYear));
        }
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CreateApiClientAsync($"leder.{embete}@demo.ktu")).PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);

        // The decision records the officer who assessed, not the one who had the case (nobody) or who sent the allocation.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var decision = await db.GrantDecisions.SingleAsync(d => d.ApplicationId == Guid.Parse(bodo));
            Assert.Equal((await db.Users.SingleAsync(u => u.Email == dualEmail)).Id, decision.OfficerUserId);
        }
    }

    private static Task<HttpResponseMessage> AssessAsync(HttpClient officer, string id, bool half, string? note) =>
        officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new
        {
            lines = new object[]
            {
                new { lineId = "kompetanse-1-videreforing", score = 4 },
                new { lineId = "kompetanse-1-nye", score = 3 },
                new { lineId = "bpa-1", score = 5 },
                new { lineId = "prosjekt-1", score = 3, amount = half ? 75_000 : 150_000, reason = half ? "Halvparten av budsjettet dekkes av ordningen." : "Hele budsjettet dekkes." },
            },
            completed = true,
            note,
        });

    private async Task<string> SubmitNewAsync(string municipalityNumber)
    {
        var api = await factory.ApplicantAsync(municipalityNumber);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
        return Id(draft);
    }

    private async Task SetPotAsync(string embete, long amount)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.Include(p => p.Earmarks).SingleOrDefaultAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == embete);
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
}
