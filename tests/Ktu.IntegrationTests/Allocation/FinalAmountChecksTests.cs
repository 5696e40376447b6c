using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Allocation;

/// <summary>
/// Issue 16: final amounts are checked when the allocation is sent for approval and when it is approved, against the
/// submitted application and the assessment. The stored adjustments are arranged as they stand after an application was
/// withdrawn and sent again with less (an adjustment above what is now applied for) or after a line was scored 0.
/// </summary>
public sealed class FinalAmountChecksTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Embete = "vestfold-og-telemark";

    [Fact]
    public async Task No_line_gets_more_than_applied_for_or_money_with_score_0_at_submit_or_at_approval()
    {
        var applicant = await factory.ApplicantAsync("4001");
        var draft = await SaveAsync(applicant, Complete(await StartAsync(applicant)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(applicant, Id(draft))).StatusCode);
        var id = Id(draft);

        var officer = await factory.CreateApiClientAsync($"saksbehandler.{Embete}@demo.ktu");
        await factory.AssignAndDeclareAsync(id, $"saksbehandler.{Embete}@demo.ktu", officer);
        using (var assessed = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new
        {
            lines = new object[]
            {
                new { lineId = "kompetanse-1-videreforing", score = 4 },
                new { lineId = "kompetanse-1-nye", score = 3 },
                new { lineId = "bpa-1", score = 5 },
                new { lineId = "prosjekt-1", score = 0, amount = 0, reason = "Tiltaket er ordinær drift." },
            },
            completed = true,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        }
        // The officer opens the allocation as a draft of the embete's round.
        var round = await ReadAsync(await officer.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new { adjustments = Array.Empty<object>() }));
        var lines = round["lines"]!.AsArray();
        var competence = lines.Single(l => l!["lineId"]!.GetValue<string>() == "kompetanse-1-nye")!;
        var project = lines.Single(l => l!["lineId"]!.GetValue<string>() == "prosjekt-1")!;
        var applied = competence["amountApplied"]!.GetValue<long>();

        // Above what the submitted application asks for.
        await SetAdjustmentsAsync([new LineAdjustment(competence["key"]!.GetValue<string>(), applied + 1_000, "Justert før søknaden ble sendt på nytt.")]);
        var above = await SubmitRoundAsync(officer);
        Assert.Equal(HttpStatusCode.Conflict, above.StatusCode);
        Assert.Contains("mer enn det er søkt om", (await ReadAsync(above))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // Money for a line scored 0.
        await SetAdjustmentsAsync([new LineAdjustment(project["key"]!.GetValue<string>(), 50_000, "Likevel noe til prosjektet.")]);
        var zero = await SubmitRoundAsync(officer);
        Assert.Equal(HttpStatusCode.Conflict, zero.StatusCode);
        Assert.Contains("poengsum 0", (await ReadAsync(zero))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // Without them it goes; a stale adjustment that appears while it awaits approval stops the approval.
        await SetAdjustmentsAsync([]);
        Assert.Equal(HttpStatusCode.OK, (await SubmitRoundAsync(officer)).StatusCode);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stale = Ktu.Web.Domain.DomainJson.Serialize(new List<LineAdjustment> { new(competence["key"]!.GetValue<string>(), applied + 1_000, "Gammel justering.") });
            await db.AllocationRounds.Where(r => r.EmbeteId == Embete && r.SchemeYear == OpenYear)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.AdjustmentsJson, stale));
        }
        await factory.PassApplicationDeadlineAsync(Embete, OpenYear);
        var leader = await factory.CreateApiClientAsync($"leder.{Embete}@demo.ktu");
        var approval = await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, approval.StatusCode);
        Assert.Contains("mer enn det er søkt om", (await ReadAsync(approval))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.GrantDecisions.AnyAsync(d => d.EmbeteId == Embete && d.SchemeYear == OpenYear));
        }
    }

    private async Task<HttpResponseMessage> SubmitRoundAsync(HttpClient officer)
    {
        var round = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
        return await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() });
    }

    /// <summary>The round's stored adjustments, as they stand after earlier changes (a draft round).</summary>
    private async Task SetAdjustmentsAsync(IReadOnlyList<LineAdjustment> adjustments)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var round = await db.AllocationRounds.SingleAsync(r => r.EmbeteId == Embete && r.SchemeYear == OpenYear);
        round.ChangeAdjustments(adjustments, new Ktu.Web.Domain.Applications.Actor("test", "Test", "test@demo.ktu"), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
}
