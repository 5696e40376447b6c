using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Data;
using Ktu.Web.Features.Schemes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// After the report, in Agder on a database of its own: Arendal applies to transfer what it did not use and the leader approves
/// it into next year's pot; Grimstad repays its unused money through a claim proposed by the case officer, issued by the leader
/// with a letter, and marked paid. Granted through the real allocation; the clock is in the report window.
/// </summary>
public sealed class TransferAndClaimTests(TransferAndClaimTests.Fixture fixture) : IClassFixture<TransferAndClaimTests.Fixture>
{
    private const string Embete = "agder";
    private const string Arendal = "4203";
    private const string Grimstad = "4202";
    private const string Officer = "saksbehandler.agder@demo.ktu";
    private const string Leader = "leder.agder@demo.ktu";

    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();
        public Dictionary<string, string> Grants { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Factory).InitializeAsync();
            Grants = await Granting.GrantAsync(Factory, Embete, [Arendal, Grimstad], []);
            Factory.Time.SetUtcNow(new DateTimeOffset(2028, 1, 20, 9, 0, 0, TimeSpan.Zero));
            await ReportAsync(Arendal, "transfer");
            await ReportAsync(Grimstad, "repay");
        }

        /// <summary>The municipality reports 50 000 unused with the given choice; the officer recommends and the leader approves the report.</summary>
        private async Task ReportAsync(string number, string choice)
        {
            var grant = Grants[number];
            var api = await Factory.ApplicantAsync(number);
            var url = $"/api/v1/grants/{grant}/report";
            var report = Granting.Filled((JsonObject)(await ReadAsync(await api.GetAsync(url)))["report"]!.DeepClone());
            report["unusedFunds"] = choice;
            report["transferReason"] = choice == "transfer" ? "Opplæringen av nattevakter er flyttet til våren 2028." : null;
            var saved = await ReadAsync(await api.PutAsJsonAsync(url, new { version = 0, report }));
            Assert.Equal(50_000, saved["unused"]!.GetValue<long>());
            using (var form = new MultipartFormDataContent { { new ByteArrayContent(Granting.StatementPdf()), "file", "revisor.pdf" }, { new StringContent("auditor-statement"), "kind" } })
            {
                Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(new Uri(url + "/attachments", UriKind.Relative), form)).StatusCode);
            }
            var sent = await api.PostAsJsonAsync(url + "/submit", new { version = saved["version"]!.GetValue<int>() });
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            var officer = await Factory.CreateApiClientAsync(Officer);
            var version = (await ReadAsync(await officer.GetAsync(url)))["version"]!.GetValue<int>();
            version = (await ReadAsync(await officer.PostAsJsonAsync(url + "/recommend", new { version })))["version"]!.GetValue<int>();
            var leader = await Factory.CreateApiClientAsync(Leader);
            var approved = await leader.PostAsJsonAsync(url + "/approve", new { version });
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task An_approved_transfer_goes_into_next_years_pot_once_with_a_letter()
    {
        var grant = fixture.Grants[Arendal];
        var leader = await Factory.CreateApiClientAsync(Leader);
        var officer = await Factory.CreateApiClientAsync(Officer);
        var url = $"/api/v1/grants/{grant}/transfer/decision";

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(url, new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.PostAsJsonAsync(url, new { approve = false })).StatusCode);
        // No pot for 2028 yet: nothing is decided.
        var noPot = await leader.PostAsJsonAsync(url, new { approve = true });
        Assert.Equal("next-year-pot-missing", (await ReadAsync(noPot))["code"]!.GetValue<string>());

        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var source = await db.SchemeYears.Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules).AsNoTracking().SingleAsync(s => s.Year == OpenYear);
            var next = CopySchemeYear.From(source, OpenYear + 1, source.ApplicationDeadline.AddYears(1), source.ReportDeadline.AddYears(1));
            next.Pots = [new Ktu.Web.Domain.Pot { EmbeteId = Embete, Amount = 1_000_000, TransferredAmount = 10_000 }];
            db.SchemeYears.Add(next);
            await db.SaveChangesAsync();
        }
        var decided = await leader.PostAsJsonAsync(url, new { approve = true, reason = "Godt begrunnet." });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var transfer = await ReadAsync(decided);
        Assert.Equal(50_000, transfer["amount"]!.GetValue<long>());
        Assert.Equal("transfer-decided", (await ReadAsync(await leader.PostAsJsonAsync(url, new { approve = true })))["code"]!.GetValue<string>());

        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pot = await db.Pots.SingleAsync(p => p.SchemeYear == OpenYear + 1 && p.EmbeteId == Embete);
            Assert.Equal((10_000, 50_000, 1_060_000), (pot.TransferredAmount, pot.ApprovedTransfers, pot.Total));
            Assert.Single(await db.AuditEntries.Where(e => e.EntityId == grant && e.Action == "grant.transfer-approved").ToListAsync());
        }
        // The directorate saves next year's pots afterwards: its own transferred line changes, the approved transfer stays.
        var directorate = await Factory.CreateApiClientAsync("direktorat@demo.ktu");
        var nextYear = await ReadAsync(await directorate.GetAsync($"/api/v1/schemes/{OpenYear + 1}"));
        var saved = await directorate.PutAsJsonAsync($"/api/v1/schemes/{OpenYear + 1}/pots", new
        {
            version = nextYear["version"]!.GetValue<int>(),
            nationalAmount = 5_000_000,
            pots = new[] { new { embete = Embete, amount = 2_000_000, transferred = 0 } },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var savedPot = (await ReadAsync(await directorate.GetAsync($"/api/v1/schemes/{OpenYear + 1}")))["pots"]!.AsArray().Single(p => p!["embete"]!.GetValue<string>() == Embete)!;
        Assert.Equal((0L, 50_000L, 2_050_000L), (savedPot["transferred"]!.GetValue<long>(), savedPot["approvedTransfers"]!.GetValue<long>(), savedPot["total"]!.GetValue<long>()));
        var arendal = await Factory.ApplicantAsync(Arendal);
        var report = await ReadAsync(await arendal.GetAsync($"/api/v1/grants/{grant}/report"));
        Assert.True(report["transfer"]!["approved"]!.GetValue<bool>());
        var letter = PdfText.Flat(await arendal.GetByteArrayAsync($"/api/v1/grants/{grant}/transfer/letter.pdf"));
        Assert.Contains("Vedtak om overføring av ubrukte midler", letter, StringComparison.Ordinal);
        Assert.Contains("kr 50 000", letter, StringComparison.Ordinal);
        var grimstad = await Factory.ApplicantAsync(Grimstad);
        Assert.Equal(HttpStatusCode.NotFound, (await grimstad.GetAsync($"/api/v1/grants/{grant}/transfer/letter.pdf")).StatusCode);
        var overview = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}"));
        var row = overview["reports"]!.AsArray().Single(r => r!["grantId"]!.GetValue<string>() == grant)!;
        Assert.Equal("approved", row["transfer"]!.GetValue<string>());
        Assert.False(row["transferRequested"]!.GetValue<bool>());
        Assert.True(row["closed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_repayment_claim_is_proposed_issued_by_another_person_with_a_letter_and_paid()
    {
        var grant = fixture.Grants[Grimstad];
        var officer = await Factory.CreateApiClientAsync(Officer);
        var leader = await Factory.CreateApiClientAsync(Leader);
        var grimstad = await Factory.ApplicantAsync(Grimstad);
        var url = $"/api/v1/grants/{grant}/repayment-claims";
        var overview = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}&filter=owes-money"));
        Assert.Contains(overview["reports"]!.AsArray(), r => r!["grantId"]!.GetValue<string>() == grant);

        var valid = new { basis = "unused-funds", amount = 50_000, reason = "Midler som ikke ble brukt i 2027.", dueDate = "2028-03-01", chapterPost = "0761.21", offsetAgainstNextGrant = false };
        foreach (var (field, body) in new (string, object)[]
        {
            ("amount", valid with { amount = 10_000_000 }),
            ("amount", valid with { amount = -5 }),
            ("chapterPost", valid with { chapterPost = "kap 761" }),
            ("dueDate", valid with { dueDate = "2027-12-01" }),
            ("basis", valid with { basis = "fordi" }),
            ("reason", valid with { reason = " " }),
        })
        {
            var refused = await officer.PostAsJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull((await ReadAsync(refused))["errors"]![field]);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync(url, valid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grimstad.PostAsJsonAsync(url, valid)).StatusCode);

        var proposed = await officer.PostAsJsonAsync(url, valid);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var claim = await ReadAsync(proposed);
        var claimId = claim["id"]!.GetValue<string>();
        Assert.Equal("proposed", claim["status"]!.GetValue<string>());
        // The applicant sees no claim before it is issued.
        Assert.Empty(JsonNode.Parse(await grimstad.GetStringAsync(url))!.AsArray());
        // Claims can never add up to more than the grant.
        Assert.Equal("claims-exceed-grant", (await ReadAsync(await officer.PostAsJsonAsync(url, valid with { amount = 250_000 })))["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"{url}/{claimId}/issue", new { version = 1 })).StatusCode);
        Assert.Equal("version-conflict", (await ReadAsync(await leader.PostAsJsonAsync($"{url}/{claimId}/issue", new { version = 7 })))["code"]!.GetValue<string>());
        var issued = await ReadAsync(await leader.PostAsJsonAsync($"{url}/{claimId}/issue", new { version = 1 }));
        Assert.Equal("issued", issued["status"]!.GetValue<string>());
        var letter = PdfText.Flat(await grimstad.GetByteArrayAsync(issued["letterUrl"]!.GetValue<string>()));
        Assert.Contains("Krav om tilbakebetaling av tilskudd", letter, StringComparison.Ordinal);
        Assert.Contains("kr 50 000", letter, StringComparison.Ordinal);
        Assert.Contains("0761.21", letter, StringComparison.Ordinal);
        Assert.Single(JsonNode.Parse(await grimstad.GetStringAsync(url))!.AsArray());

        var version = issued["version"]!.GetValue<int>();
        // Nobody with a declared conflict on the application records the money as received.
        await using (var declare = Factory.CreateScope())
        {
            var data = declare.ServiceProvider.GetRequiredService<AppDbContext>();
            var officer2 = await data.Users.SingleAsync(u => u.Email == "saksbehandler2.agder@demo.ktu");
            var application = (await data.GrantDecisions.SingleAsync(d => d.Id == Guid.Parse(grant))).ApplicationId;
            data.ImpartialityDeclarations.Add(Ktu.Web.Domain.Assessment.ImpartialityDeclaration.Declare(
                application, new Ktu.Web.Domain.Applications.Actor(officer2.Id, null, officer2.Email), true, "Nær familie i kommunens ledelse.", Factory.Time.GetUtcNow()));
            await data.SaveChangesAsync();
        }
        var conflicted = await (await Factory.CreateApiClientAsync("saksbehandler2.agder@demo.ktu")).PostAsJsonAsync($"{url}/{claimId}/paid", new { version, paidOn = "2028-01-19" });
        Assert.Equal(HttpStatusCode.Conflict, conflicted.StatusCode);
        Assert.Equal("conflict-declared", (await ReadAsync(conflicted))["code"]!.GetValue<string>());
        Assert.Equal("issued", JsonNode.Parse(await officer.GetStringAsync(url))!.AsArray().Single(c => c!["id"]!.GetValue<string>() == claimId)!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"{url}/{claimId}/paid", new { version, paidOn = "2030-01-01" })).StatusCode);
        var paid = await ReadAsync(await officer.PostAsJsonAsync($"{url}/{claimId}/paid", new { version, paidOn = "2028-01-19" }));
        Assert.Equal("paid", paid["status"]!.GetValue<string>());
        var after = await ReadAsync(await officer.GetAsync($"/api/v1/reports?year={OpenYear}"));
        var row = after["reports"]!.AsArray().Single(r => r!["grantId"]!.GetValue<string>() == grant)!;
        Assert.False(row["owesMoney"]!.GetValue<bool>());
        Assert.Equal(50_000, row["claimed"]!.GetValue<long>());
        Assert.True(row["closed"]!.GetValue<bool>());

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries.Where(e => e.EntityId == grant && e.Action.StartsWith("claim.")).Select(e => e.Action).ToListAsync();
        Assert.Equal(["claim.issued", "claim.paid", "claim.proposed"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_account_reported_after_the_decision_is_used_for_payment_once_the_embete_approves_it()
    {
        const string NewAccount = "86011117947";
        var grant = fixture.Grants[Arendal];
        var arendal = await Factory.ApplicantAsync(Arendal);
        var officer = await Factory.CreateApiClientAsync(Officer);
        var url = $"/api/v1/grants/{grant}/account-changes";

        var invalid = await arendal.PostAsJsonAsync(url, new { accountNumber = "86011117948", reason = "Ny bank." });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotNull((await ReadAsync(invalid))["errors"]!["accountNumber"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await arendal.PostAsJsonAsync(url, new { accountNumber = NewAccount, reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.ApplicantAsync(Grimstad)).PostAsJsonAsync(url, new { accountNumber = NewAccount, reason = "Ny bank." })).StatusCode);

        var requested = await arendal.PostAsJsonAsync(url, new { accountNumber = NewAccount, reason = "Kommunen har byttet bank." });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var change = await ReadAsync(requested);
        Assert.Equal("change-pending", (await ReadAsync(await arendal.PostAsJsonAsync(url, new { accountNumber = NewAccount, reason = "Igjen." })))["code"]!.GetValue<string>());

        // Not used before it is approved.
        Assert.DoesNotContain("8601.11.17947", await PaymentsCsvAsync(officer), StringComparison.Ordinal);
        // Where money goes is decided by a leader only, and not by one who has declared a conflict on the application.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"{url}/{change["id"]}/decision", new { approve = true, version = 1 })).StatusCode);
        await using (var declare = Factory.CreateScope())
        {
            var data = declare.ServiceProvider.GetRequiredService<AppDbContext>();
            var leader2 = await data.Users.SingleAsync(u => u.Email == "leder2.agder@demo.ktu");
            var application = (await data.GrantDecisions.SingleAsync(d => d.Id == Guid.Parse(grant))).ApplicationId;
            data.ImpartialityDeclarations.Add(Ktu.Web.Domain.Assessment.ImpartialityDeclaration.Declare(
                application, new Ktu.Web.Domain.Applications.Actor(leader2.Id, null, leader2.Email), true, "Nær familie i kommunens ledelse.", Factory.Time.GetUtcNow()));
            await data.SaveChangesAsync();
        }
        var conflicted = await (await Factory.CreateApiClientAsync("leder2.agder@demo.ktu")).PostAsJsonAsync($"{url}/{change["id"]}/decision", new { approve = true, version = 1 });
        Assert.Equal("conflict-declared", (await ReadAsync(conflicted))["code"]!.GetValue<string>());
        Assert.Equal("requested", JsonNode.Parse(await arendal.GetStringAsync(url))!.AsArray()[0]!["status"]!.GetValue<string>());
        var leader = await Factory.CreateApiClientAsync(Leader);
        var decided = await leader.PostAsJsonAsync($"{url}/{change["id"]}/decision", new { approve = true, version = 1 });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("change-decided", (await ReadAsync(await leader.PostAsJsonAsync($"{url}/{change["id"]}/decision", new { approve = false, reason = "x", version = 1 })))["code"]!.GetValue<string>());
        var csv = await PaymentsCsvAsync(officer);
        var arendalRow = csv.Split('\n').Single(l => l.Contains("Arendal", StringComparison.Ordinal));
        Assert.Contains("8601.11.17947", arendalRow, StringComparison.Ordinal);
        // The decision itself is unchanged, and the history is kept.
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(Ktu.TestSupport.CompleteApplication.ValidAccount, (await db.GrantDecisions.SingleAsync(d => d.Id == Guid.Parse(grant))).AccountNumber);
        Assert.Single(JsonNode.Parse(await arendal.GetStringAsync(url))!.AsArray());
        Assert.Single(await db.AuditEntries.Where(e => e.EntityId == grant && e.Action == "grant.account-change-approved").ToListAsync());
    }

    private static async Task<string> PaymentsCsvAsync(HttpClient officer)
    {
        var response = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={Ktu.TestSupport.CompleteApplication.ValidAccount}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
