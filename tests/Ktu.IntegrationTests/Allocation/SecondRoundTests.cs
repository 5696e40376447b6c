using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Allocation;

/// <summary>
/// Issue 17, a second round: after the approved allocation the embete sees what is left of its pot, starts a further
/// round over it, and that round goes through the same four-eyes approval. The first round's decisions, letters and
/// payments never change; the second adds its own decisions, a supplementary letter and only its own payments.
/// </summary>
public sealed class SecondRoundTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Embete = "nordland";
    private const string Bodo = "1804";
    private const string Rana = "1833";
    private const long Pot = 5_000_000;
    private const string Both = "begge.nordland@demo.ktu";

    [Fact]
    public async Task A_second_round_allocates_only_what_is_left_and_never_touches_the_first()
    {
        await SetPotAsync(Pot);
        var officer = await factory.CreateApiClientAsync($"saksbehandler.{Embete}@demo.ktu");
        var leader = await factory.CreateApiClientAsync($"leder.{Embete}@demo.ktu");
        var bodo = await SubmitAndAssessAsync(officer, Bodo);
        await SubmitAndAssessAsync(officer, Rana);

        // Round one: Bodø's project gets only kr 10 000.
        var first = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
        var project = first["lines"]!.AsArray().Single(l => l!["applicationId"]!.GetValue<string>() == bodo && l["lineId"]!.GetValue<string>() == "prosjekt-1")!;
        var projectKey = project["key"]!.GetValue<string>();
        var projectApplied = project["amountApplied"]!.GetValue<long>();
        var adjusted = await ReadAsync(await officer.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            adjustments = new[] { new { lineKey = projectKey, amount = 10_000L, reason = "Prosjektet er ikke godt nok beskrevet ennå." } },
        }));
        var submitted = await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = adjusted["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await factory.PassApplicationDeadlineAsync(Embete, OpenYear);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);

        // What is left is shown after approval, in the API.
        var firstDecisions = await DecisionsAsync();
        var grantedFirst = firstDecisions.Sum(d => d.AmountGranted);
        var approved = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
        Assert.Equal(1, approved["round"]!.GetValue<int>());
        Assert.Equal(Pot, approved["afterDecisions"]!["pot"]!.GetValue<long>());
        Assert.Equal(grantedFirst, approved["afterDecisions"]!["granted"]!.GetValue<long>());
        Assert.Equal(Pot - grantedFirst, approved["afterDecisions"]!["left"]!.GetValue<long>());
        Assert.True(approved["canStartNextRound"]!.GetValue<bool>());

        // Round one's letters are made and its payments are made and marked paid.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/allocations/{OpenYear}/letters", null)).StatusCode);
        foreach (var d in firstDecisions.Where(d => d.AmountGranted > 0))
        {
            Assert.Equal(HttpStatusCode.OK, (await factory.MarkPaidAsync(officer, Embete, d.Id, "2027-06-15")).StatusCode);
        }
        var lettersBefore = await LetterCountsAsync();

        // Only a case officer starts a round, and only of its own embete: a leader is refused, another embete's
        // officer acts on its own (unapproved) allocation.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/next-round", new { })).StatusCode);
        var agder = await factory.CreateApiClientAsync("saksbehandler.agder@demo.ktu");
        var notApproved = await agder.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/next-round", new { });
        Assert.Equal(HttpStatusCode.Conflict, notApproved.StatusCode);
        Assert.Contains("godkjent", (await ReadAsync(notApproved))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // The second round, by an officer who is also a leader (four eyes is about persons).
        var both = await BothRolesAsync();
        var second = await ReadAsync(await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/next-round", new { }));
        Assert.Equal(2, second["round"]!.GetValue<int>());
        Assert.Equal("Draft", second["status"]!.GetValue<string>());
        Assert.Equal(Pot - grantedFirst, second["pot"]!.GetValue<long>());
        var open = Assert.Single(second["lines"]!.AsArray());
        Assert.Equal(projectKey, open!["key"]!.GetValue<string>());
        var rest = projectApplied - 10_000;
        Assert.Equal(rest, open["amountApplied"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Conflict, (await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/next-round", new { })).StatusCode);

        // The rounds together never exceed the pot: with kr 5 000 left, giving the rest is refused with the difference.
        await SetPotAsync(grantedFirst + 5_000);
        var full = await ReadAsync(await both.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            adjustments = new[] { new { lineKey = projectKey, amount = rest, reason = "Prosjektbeskrivelsen er nå komplett." } },
        }));
        var over = await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = full["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        var overTitle = (await ReadAsync(over))["title"]!.GetValue<string>();
        Assert.Contains("over rammen", overTitle, StringComparison.Ordinal);
        Assert.Contains((rest - 5_000).ToString(System.Globalization.CultureInfo.InvariantCulture), Digits(overTitle), StringComparison.Ordinal);
        Assert.Equal(firstDecisions.Count, (await DecisionsAsync()).Count);

        // A transfer approved later tops the pot up again; now it can be sent.
        await SetPotAsync(Pot);
        var sent = await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = full["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // Same four eyes as round one: the sender cannot approve, a leader who did not take part can.
        var self = await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("fire øyne", (await ReadAsync(self))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var approval = await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        Assert.Equal(1, (await ReadAsync(approval))["decisions"]!.GetValue<int>());

        // Round one's decisions are exactly as they were; one supplementary decision adds the rest for Bodø.
        var after = await DecisionsAsync();
        foreach (var d in firstDecisions)
        {
            var same = after.Single(a => a.Id == d.Id);
            Assert.Equal((d.AmountGranted, d.LinesJson, d.DecidedAt, d.RoundNumber), (same.AmountGranted, same.LinesJson, same.DecidedAt, same.RoundNumber));
        }
        var supplementary = Assert.Single(after, d => d.RoundNumber == 2);
        Assert.Equal(bodo, supplementary.ApplicationId.ToString());
        Assert.Equal(rest, supplementary.AmountGranted);
        var leftNow = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
        Assert.Equal(Pot - grantedFirst - rest, leftNow["afterDecisions"]!["left"]!.GetValue<long>());

        // Letters: one supplementary letter, round one's letters untouched.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/allocations/{OpenYear}/letters", null)).StatusCode);
        var lettersAfter = await LetterCountsAsync();
        foreach (var (id, count) in lettersBefore)
        {
            Assert.Equal(count, lettersAfter[id]);
        }
        Assert.Equal(1, lettersAfter[supplementary.Id]);
        var pdf = PdfText.Lines(await officer.GetByteArrayAsync($"/api/v1/grants/{supplementary.Id}/letter.pdf?version=1"));
        Assert.Contains("tilleggstilskudd", pdf, StringComparison.Ordinal);

        // The next payment file holds only the second round's addition.
        var csv = await officer.GetStringAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={ValidAccount}");
        Assert.Contains(supplementary.CaseReference, csv, StringComparison.Ordinal);
        var rana = firstDecisions.Single(d => d.ApplicationId != supplementary.ApplicationId);
        Assert.DoesNotContain(rana.CaseReference, csv, StringComparison.Ordinal);
        Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Another embete never sees the supplementary grant.
        Assert.Equal(HttpStatusCode.NotFound, (await agder.GetAsync($"/api/v1/grants/{supplementary.Id}/letter.pdf?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agder.PostAsJsonAsync($"/api/v1/grants/{supplementary.Id}/paid", new { paidOn = "2027-06-15" })).StatusCode);

        // Each step is in the audit trail.
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries.Where(e => e.EmbeteId == Embete).Select(e => e.Action).ToListAsync();
        Assert.Single(actions, a => a == "allocation.round-started");
        Assert.Equal(2, actions.Count(a => a == "allocation.approved"));
        Assert.Equal(2, actions.Count(a => a == "allocation.submitted"));
        Assert.Equal(3, actions.Count(a => a == "decision.made"));
    }

    private static string Digits(string text) => new(text.Where(c => char.IsDigit(c) || c == ' ').Where(char.IsDigit).ToArray());

    private async Task<string> SubmitAndAssessAsync(HttpClient officer, string number)
    {
        var api = await factory.ApplicantAsync(number);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
        var id = Id(draft);
        await factory.AssignAndDeclareAsync(id, $"saksbehandler.{Embete}@demo.ktu", officer);
        var lines = new[] { "kompetanse-1-videreforing", "kompetanse-1-nye", "bpa-1", "prosjekt-1" }.Select(l => new { lineId = l, score = 3 }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true })).StatusCode);
        return id;
    }

    private async Task SetPotAsync(long amount)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.Include(p => p.Earmarks).SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
        pot.Amount = amount;
        pot.TransferredAmount = 0;
        pot.ApprovedTransfers = 0;
        pot.Earmarks.Clear();
        await db.SaveChangesAsync();
    }

    private async Task<List<GrantDecision>> DecisionsAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == Embete && d.SchemeYear == OpenYear).ToListAsync();
    }

    private async Task<Dictionary<Guid, int>> LetterCountsAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.GrantLetters.AsNoTracking().Where(l => l.EmbeteId == Embete && l.SchemeYear == OpenYear).Select(l => l.GrantDecisionId).ToListAsync())
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<HttpClient> BothRolesAsync()
    {
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(Both) is null)
            {
                var user = new AppUser { UserName = Both, Email = Both, EmailConfirmed = true, FullName = "Begge roller", EmbeteId = Embete };
                Assert.True((await users.CreateAsync(user, KtuFactory.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRolesAsync(user, [Roles.CaseOfficer, Roles.Approver])).Succeeded);
            }
        }
        return await factory.CreateApiClientAsync(Both);
    }
}
