using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Features.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// Issue 17: a supplementary decision of a later round is part of the applicant's grant for the year. In Vestland, on a
/// database of its own, Bergen gets kr 120 000 of its kr 260 000 in the first round (its project cut to kr 10 000) and the
/// rest in the second; Voss gets nothing in the first round and all of its kr 260 000 in the second. Each has one grant, the
/// first decision's id, and reports on the sum.
/// </summary>
public sealed class SupplementaryGrantTests(SupplementaryGrantTests.Fixture fixture) : IClassFixture<SupplementaryGrantTests.Fixture>
{
    private const string Embete = "vestland";
    private const string Bergen = "4601";
    private const string Voss = "4621";
    private const string Officer = "saksbehandler.vestland@demo.ktu";
    private const string Leader = "leder.vestland@demo.ktu";
    private const long Applied = 260_000;

    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();
        public Dictionary<string, string> Applications { get; } = [];
        /// <summary>Each municipality's decisions, round one first.</summary>
        public Dictionary<string, List<GrantDecision>> Decisions { get; } = [];

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Factory).InitializeAsync();
            await SetPotAsync(5_000_000);
            var officer = await Factory.CreateApiClientAsync(Officer);
            var leader = await Factory.CreateApiClientAsync(Leader);
            foreach (var number in new[] { Bergen, Voss })
            {
                var api = await Factory.ApplicantAsync(number);
                var draft = await SaveAsync(api, Complete(await StartAsync(api)));
                Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
                Applications[number] = Id(draft);
                await Factory.AssignAndDeclareAsync(Id(draft), Officer, officer);
                var lines = new[] { "kompetanse-1-videreforing", "kompetanse-1-nye", "bpa-1", "prosjekt-1" }.Select(l => new { lineId = l, score = 3 }).ToArray();
                Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/cases/{Id(draft)}/assessment", new { lines, completed = true })).StatusCode);
            }

            // Round one: Bergen's project gets kr 10 000, Voss nothing at all.
            var first = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
            var adjustments = first["lines"]!.AsArray()
                .Where(l => l!["applicationId"]!.GetValue<string>() == Applications[Voss] || l["lineId"]!.GetValue<string>() == "prosjekt-1")
                .Select(l => l!["applicationId"]!.GetValue<string>() == Applications[Voss]
                    ? new { lineKey = l["key"]!.GetValue<string>(), amount = 0L, reason = "Vi venter på mer midler i rammen." }
                    : new { lineKey = l["key"]!.GetValue<string>(), amount = 10_000L, reason = "Prosjektet er ikke godt nok beskrevet ennå." })
                .ToArray();
            await SendAndApproveAsync(officer, leader, await ReadAsync(await officer.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new { adjustments })));

            // Round two over what is left: both get the rest of what they applied for.
            var second = await ReadAsync(await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/next-round", new { }));
            Assert.Equal(2, second["round"]!.GetValue<int>());
            var rest = second["lines"]!.AsArray()
                .Select(l => new { lineKey = l!["key"]!.GetValue<string>(), amount = l["amountApplied"]!.GetValue<long>(), reason = "Det er penger igjen i rammen." })
                .ToArray();
            second = await ReadAsync(await officer.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new { adjustments = rest }));
            Assert.Equal(Applied - 120_000 + Applied, second["totalFinal"]!.GetValue<long>());
            await SendAndApproveAsync(officer, leader, second);

            await using var scope = Factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var (number, id) in Applications)
            {
                Decisions[number] = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == Guid.Parse(id)).OrderBy(d => d.RoundNumber).ToListAsync();
            }
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();

        private async Task SendAndApproveAsync(HttpClient officer, HttpClient leader, JsonObject round)
        {
            var submitted = await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() });
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            await Factory.PassApplicationDeadlineAsync(Embete, OpenYear);
            Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);
        }

        private async Task SetPotAsync(long amount)
        {
            await using var scope = Factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pot = await db.Pots.Include(p => p.Earmarks).SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
            pot.Amount = amount;
            pot.TransferredAmount = 0;
            pot.ApprovedTransfers = 0;
            pot.Earmarks.Clear();
            await db.SaveChangesAsync();
        }
    }

    private KtuFactory Factory => fixture.Factory;

    private string GrantId(string number) => fixture.Decisions[number][0].Id.ToString();

    [Fact]
    public void The_rounds_made_a_decision_and_a_supplementary_decision_for_each()
    {
        Assert.Equal([(1, 120_000L), (2, Applied - 120_000)], fixture.Decisions[Bergen].Select(d => (d.RoundNumber, d.AmountGranted)));
        Assert.Equal([(1, 0L), (2, Applied)], fixture.Decisions[Voss].Select(d => (d.RoundNumber, d.AmountGranted)));
    }

    [Fact]
    public async Task An_applicant_granted_in_both_rounds_reports_on_the_sum_and_needs_the_auditors_statement()
    {
        var bergen = await Factory.ApplicantAsync(Bergen);
        var report = await ReadAsync(await bergen.GetAsync($"/api/v1/grants/{GrantId(Bergen)}/report"));
        Assert.Equal(GrantId(Bergen), report["grantId"]!.GetValue<string>());
        Assert.Equal(Applied, report["amountGranted"]!.GetValue<long>());
        // One accounts line per line, with what both rounds granted: the project's kr 10 000 and kr 140 000 together.
        Assert.Equal([30_000L, 60_000L, 20_000L, 150_000L], report["report"]!["accounts"]!.AsArray().Select(a => a!["granted"]!.GetValue<long>()));
        Assert.Single(report["report"]!["projects"]!.AsArray());
        // kr 120 000 alone is below the kr 200 000 threshold; the grant of kr 260 000 is not.
        Assert.Equal("auditorStatement", report["evidence"]!.GetValue<string>());

        // The applicant's page under the application opens the same grant's report.
        var page = await Factory.CreateSignedInBrowserClientAsync($"soker.{Bergen}@demo.ktu");
        var text = await (await page.GetAsync(new Uri($"/soknad/{fixture.Applications[Bergen]}/rapport", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("260 000", Spaces(text), StringComparison.Ordinal);

        // The supplementary decision's id finds the same grant, never a report of its own.
        var bySupplementary = await ReadAsync(await bergen.GetAsync($"/api/v1/grants/{fixture.Decisions[Bergen][1].Id}/report"));
        Assert.Equal(GrantId(Bergen), bySupplementary["grantId"]!.GetValue<string>());

        // Another embete does not find it.
        var agder = await Factory.CreateApiClientAsync("saksbehandler.agder@demo.ktu");
        Assert.Equal(HttpStatusCode.NotFound, (await agder.GetAsync($"/api/v1/grants/{GrantId(Bergen)}/report")).StatusCode);
    }

    [Fact]
    public async Task An_applicant_granted_only_in_the_second_round_has_a_report()
    {
        var voss = await Factory.ApplicantAsync(Voss);
        var decision = await ReadAsync(await voss.GetAsync($"/api/v1/applications/{fixture.Applications[Voss]}/decision"));
        Assert.Equal(GrantId(Voss), decision["id"]!.GetValue<string>());
        var report = await ReadAsync(await voss.GetAsync($"/api/v1/grants/{GrantId(Voss)}/report"));
        Assert.Equal(Applied, report["amountGranted"]!.GetValue<long>());
        Assert.Equal(4, report["report"]!["accounts"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_overview_and_the_reminders_see_one_grant_per_applicant_whichever_round_it_came_in()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var overview = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}"));
        var rows = overview["reports"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(
            [(GrantId(Bergen), Applied), (GrantId(Voss), Applied)],
            rows.Select(r => (r["grantId"]!.GetValue<string>(), r["amountGranted"]!.GetValue<long>())).OrderBy(r => r.Item1 == GrantId(Voss)));
        Assert.All(rows, r => Assert.Equal("auditorStatement", r["evidence"]!.GetValue<string>()));

        // Two weeks before the deadline of 1 March 2028: one reminder per grant, both to the first decision's id.
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(2, await ReportReminders.RunOnceAsync(db, new DateTimeOffset(OpenYear + 1, 2, 20, 9, 0, 0, TimeSpan.Zero), CancellationToken.None));
        var reminded = await db.SentReminders.AsNoTracking().Where(r => r.Kind == ReminderKind.BeforeDeadline).Select(r => r.GrantDecisionId).ToListAsync();
        Assert.Equal(new[] { GrantId(Bergen), GrantId(Voss) }.Order(), reminded.Select(g => g.ToString()).Order());

        // Applying the next year, both have a report missing for this year, once.
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.MunicipalityNumber == Bergen || o.MunicipalityNumber == Voss).Select(o => o.Id).ToListAsync();
        var missing = await db.MissingReportYearsAsync(organisations, OpenYear + 1, CancellationToken.None);
        Assert.Equal(2, missing.Count);
        Assert.All(organisations, o => Assert.Equal([OpenYear], missing[o]));
    }

    [Fact]
    public async Task A_repayment_claim_may_reach_the_total_granted_and_no_further()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var url = $"/api/v1/grants/{GrantId(Bergen)}/repayment-claims";
        var body = new { basis = "unused-funds", amount = Applied + 1, reason = "Midler som ikke ble brukt i 2027.", dueDate = "2027-03-01", chapterPost = "0761.21", offsetAgainstNextGrant = false };

        var over = await officer.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("260 000", Spaces((await ReadAsync(over))["errors"]!["amount"]![0]!.GetValue<string>()), StringComparison.Ordinal);
        Assert.Empty((await ReadArrayAsync(await officer.GetAsync(url))));

        // More than the first round's kr 120 000 is within the grant.
        var within = await officer.PostAsJsonAsync(url, body with { amount = 200_000 });
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        Assert.Single(await ReadArrayAsync(await officer.GetAsync(url)));
    }

    [Fact]
    public async Task An_account_change_approved_on_the_grant_also_pays_the_supplementary_grant()
    {
        const string NewAccount = "86011117947";
        var voss = await Factory.ApplicantAsync(Voss);
        var officer = await Factory.CreateApiClientAsync(Officer);
        var requested = await voss.PostAsJsonAsync($"/api/v1/grants/{GrantId(Voss)}/account-changes", new { accountNumber = NewAccount, reason = "Kommunen har byttet bank." });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var change = await ReadAsync(requested);
        var leader = await Factory.CreateApiClientAsync(Leader);
        var decided = await leader.PostAsJsonAsync($"/api/v1/grants/{GrantId(Voss)}/account-changes/{change["id"]}/decision", new { approve = true, version = change["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        // Voss's money came only in the second round: its payment goes to the new account. (Bergen's first decision is paid
        // here too; both its rounds in one file are covered by SupplementaryPaymentTests.)
        Assert.Equal(HttpStatusCode.OK, (await Factory.MarkPaidAsync(officer, Embete, GrantId(Bergen), "2027-06-15")).StatusCode);
        var csv = await officer.GetStringAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={ValidAccount}");
        var row = Assert.Single(csv.Split('\n'), l => l.Contains(fixture.Decisions[Voss][1].CaseReference, StringComparison.Ordinal));
        Assert.Contains(NewAccount, Digits(row), StringComparison.Ordinal);
        Assert.DoesNotContain(ValidAccount, Digits(row), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decision_shows_the_first_decision_each_supplementary_grant_and_the_total()
    {
        var bergen = await Factory.ApplicantAsync(Bergen);
        var decision = await ReadAsync(await bergen.GetAsync($"/api/v1/applications/{fixture.Applications[Bergen]}/decision"));
        // The fields that were there keep their meaning: the first decision.
        Assert.Equal(GrantId(Bergen), decision["id"]!.GetValue<string>());
        Assert.Equal(120_000, decision["amountGranted"]!.GetValue<long>());
        Assert.Equal(Applied, decision["totalGranted"]!.GetValue<long>());
        var supplementary = Assert.Single(decision["supplementary"]!.AsArray())!;
        Assert.Equal(fixture.Decisions[Bergen][1].Id.ToString(), supplementary["id"]!.GetValue<string>());
        Assert.Equal(2, supplementary["round"]!.GetValue<int>());
        Assert.Equal(Applied - 120_000, supplementary["amountGranted"]!.GetValue<long>());

        // The page, before and after the letters are made.
        var page = await Factory.CreateSignedInBrowserClientAsync($"soker.{Bergen}@demo.ktu");
        var url = new Uri($"/soknad/{fixture.Applications[Bergen]}/vedtak", UriKind.Relative);
        var before = await (await page.GetAsync(url)).ReadTextAsync();
        Assert.Contains("Dere får kr 260 000 i tilskudd i alt: kr 120 000 i vedtaket og kr 140 000 i tilleggstilskudd", Spaces(before), StringComparison.Ordinal);
        Assert.Contains("Brevet om tilleggstilskuddet kommer her", before, StringComparison.Ordinal);

        var officer = await Factory.CreateApiClientAsync(Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/allocations/{OpenYear}/letters", null)).StatusCode);
        var after = await (await page.GetAsync(url)).ReadTextAsync();
        Assert.Contains($"/soknad/{fixture.Applications[Bergen]}/vedtak/brev.pdf?round=2", after, StringComparison.OrdinalIgnoreCase);
        var letter = await page.GetAsync(new Uri($"/soknad/{fixture.Applications[Bergen]}/vedtak/brev.pdf?round=2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Contains("tilleggstilskudd", Ktu.TestSupport.PdfText.Lines(await letter.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync(new Uri($"/soknad/{fixture.Applications[Bergen]}/vedtak/brev.pdf?round=3", UriKind.Relative))).StatusCode);

        // Voss: refused in the first round, granted in the second, sees a grant and its report link.
        var voss = await Factory.CreateSignedInBrowserClientAsync($"soker.{Voss}@demo.ktu");
        var vossText = await (await voss.GetAsync(new Uri($"/soknad/{fixture.Applications[Voss]}/vedtak", UriKind.Relative))).ReadTextAsync();
        Assert.DoesNotContain("Søknaden er avslått", vossText, StringComparison.Ordinal);
        Assert.Contains("Rapporter om bruken av tilskuddet", vossText, StringComparison.Ordinal);
    }

    private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());

    private static string Spaces(string text) => text.Replace('\u00a0', ' ');

    private static async Task<JsonArray> ReadArrayAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
}
