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
/// Case handling over HTTP in Agder, on a database of its own: submitted applications reach the inbox,
/// officers declare impartiality and assess, ask the applicant, and the allocation goes through four-eyes
/// approval to fixed decisions the applicants can read. Each test uses its own municipalities' applications,
/// and the allocation round is one per embete, so only the allocation test acts on Agder's cases.
/// </summary>
public sealed class CaseFlowTests(CaseFlowTests.Fixture fixture) : IClassFixture<CaseFlowTests.Fixture>
{
    public const string Embete = "agder";
    public const string Officer = "saksbehandler.agder@demo.ktu";
    public const string Officer2 = "saksbehandler2.agder@demo.ktu";
    public const string Approver = "leder.agder@demo.ktu";
    public const string Approver2 = "leder2.agder@demo.ktu";

    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();
        /// <summary>Application ids by municipality number, submitted once for the whole class.</summary>
        public Dictionary<string, string> Applications { get; } = [];

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Factory).InitializeAsync();
            foreach (var number in new[] { "4201", "4203", "4204", "4211" })
            {
                var api = await Factory.ApplicantAsync(number);
                var draft = await SaveAsync(api, Complete(await StartAsync(api)));
                var response = await SubmitAsync(api, Id(draft));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Applications[number] = Id(draft);
            }
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task Inbox_lists_the_embetes_submitted_applications_with_parts_centrality_and_counts()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var inbox = await ReadAsync(await officer.GetAsync($"/api/v1/cases?year={OpenYear}&sort=applicant"));

        var items = inbox["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.True(items.Count >= 4);
        var risor = items.Single(i => i["applicationId"]!.GetValue<string>() == fixture.Applications["4201"]);
        Assert.Equal("Risør", risor["applicant"]!.GetValue<string>());
        Assert.True(risor["district"]!.GetValue<bool>()); // centrality 4
        Assert.Equal(90_000, risor["competence"]!.GetValue<long>());
        Assert.Equal(20_000, risor["bpa"]!.GetValue<long>());
        Assert.Equal(150_000, risor["projects"]!.GetValue<long>());
        var arendal = items.Single(i => i["applicationId"]!.GetValue<string>() == fixture.Applications["4203"]);
        Assert.False(arendal["district"]!.GetValue<bool>()); // centrality 3
        Assert.True(inbox["total"]!.GetValue<int>() >= 4);

        var search = await ReadAsync(await officer.GetAsync($"/api/v1/cases?year={OpenYear}&search=arendal"));
        Assert.Equal(["Arendal"], search["items"]!.AsArray().Select(i => i!["applicant"]!.GetValue<string>()));
        var districtOnly = await ReadAsync(await officer.GetAsync($"/api/v1/cases?year={OpenYear}&district=true"));
        Assert.All(districtOnly["items"]!.AsArray(), i => Assert.True(i!["district"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Every_link_on_the_inbox_and_a_case_page_leads_to_a_page_or_document_that_answers()
    {
        var browser = await Factory.CreateSignedInBrowserClientAsync(Officer);
        var id = fixture.Applications["4201"];

        await PageLinks.AssertAllAnswerAsync(browser, await (await browser.GetAsync(new Uri("/saksbehandling", UriKind.Relative))).ReadTextAsync(),
            $"/saksbehandling/fordeling/{OpenYear}", $"/saksbehandling/sak/{id}");
        await PageLinks.AssertAllAnswerAsync(browser, await (await browser.GetAsync(new Uri($"/saksbehandling/sak/{id}", UriKind.Relative))).ReadTextAsync(),
            $"/soknad/{id}/kvittering/1/pdf");
    }

    [Fact]
    public async Task Another_embetes_officer_and_applicants_cannot_see_or_touch_the_case()
    {
        var id = fixture.Applications["4204"];
        var stranger = await Factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var response = await stranger.GetAsync($"/api/v1/cases/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Kristiansand", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.PostAsJsonAsync($"/api/v1/cases/{id}/impartiality", new { conflict = false })).StatusCode);
        var strangerInbox = await ReadAsync(await stranger.GetAsync($"/api/v1/cases?year={OpenYear}"));
        Assert.DoesNotContain(strangerInbox["items"]!.AsArray(), i => i!["applicationId"]!.GetValue<string>() == id);

        var applicant = await Factory.ApplicantAsync("4204");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync($"/api/v1/allocations/{OpenYear}")).StatusCode);
        // Another applicant cannot read this application's questions or decision.
        var other = await Factory.ApplicantAsync("4201");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/applications/{id}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/applications/{id}/decision")).StatusCode);
    }

    [Fact]
    public async Task Assessment_needs_an_impartiality_declaration_and_a_declared_conflict_sends_the_case_back_to_the_leader()
    {
        var id = await SubmitNewAsync("4601");
        await Factory.AssignAsync(id, "saksbehandler.vestland@demo.ktu");
        var first = await Factory.CreateApiClientAsync("saksbehandler.vestland@demo.ktu");
        var refused = await first.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("habil", (await ReadAsync(refused))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var noReason = await first.PostAsJsonAsync($"/api/v1/cases/{id}/impartiality", new { conflict = true });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var declared = await first.PostAsJsonAsync($"/api/v1/cases/{id}/impartiality", new { conflict = true, reason = "Nær familie i kommunens ledelse." });
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains("går tilbake til lederen", (await ReadAsync(declared))["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var caseView = await ReadAsync(await first.GetAsync($"/api/v1/cases/{id}"));
        Assert.Null(caseView["assignedOfficer"]);
        Assert.Contains(caseView["declarations"]!.AsArray(), d => d!["conflict"]!.GetValue<bool>());
        // The conflicted officer still cannot assess.
        Assert.Equal(HttpStatusCode.Conflict,
            (await first.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines = Array.Empty<object>() })).StatusCode);

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries.Where(e => e.EntityId == id).Select(e => e.Action).ToListAsync();
        Assert.Contains("case.impartiality-declared", actions);
        Assert.Contains("case.unassigned", actions);
        // The leaders are told the case has nobody now.
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Subject.Contains("Sak uten saksbehandler") && m.To == "leder.vestland@demo.ktu"));
    }

    [Fact]
    public async Task Assessment_refuses_amounts_above_the_application_and_missing_reasons()
    {
        var id = await SubmitNewAsync("1804");
        var officer = await TakeAsync("saksbehandler.nordland@demo.ktu", id);
        var response = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new
        {
            lines = new object[]
            {
                new { lineId = "prosjekt-1", score = 4, amount = 150_001 },
                new { lineId = "bpa-1", score = 0 },
                new { lineId = "finnes-ikke", score = 3 },
                new { lineId = "kompetanse-1-nye", score = 9 },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains("lines[0].amount", errors.Select(e => e.Key));
        Assert.Contains("lines[1].reason", errors.Select(e => e.Key));
        Assert.Contains("lines[2].lineId", errors.Select(e => e.Key));
        Assert.Contains("lines[3].score", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Extra_conditions_for_the_letter_are_kept_with_the_assessment_and_a_too_long_text_is_refused()
    {
        var id = await SubmitNewAsync("1833");
        var officer = await TakeAsync("saksbehandler.nordland@demo.ktu", id);
        var lines = new[] { new { lineId = "prosjekt-1", score = 3 } };

        var tooLong = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, extraConditions = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var message = Assert.Single((await ReadAsync(tooLong))["errors"]!["extraConditions"]!.AsArray())!.GetValue<string>();
        Assert.Contains("høyst 2000 tegn", message, StringComparison.Ordinal);
        Assert.Null((await ReadAsync(await officer.GetAsync($"/api/v1/cases/{id}")))["extraConditions"]?.GetValue<string>());

        var saved = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment",
            new { lines, extraConditions = "  Rapporter antall deltakere per kvartal.  " });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Rapporter antall deltakere per kvartal.", (await ReadAsync(saved))["extraConditions"]!.GetValue<string>());

        // The assessment is replaced whole: leaving the field out removes the conditions.
        var cleared = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines });
        Assert.Null((await ReadAsync(cleared))["extraConditions"]?.GetValue<string>());
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audited = await db.AuditEntries.Where(e => e.Action == "case.assessed" && e.EntityId == id).OrderBy(e => e.Sequence).Select(e => e.After).ToListAsync();
        Assert.Contains(audited, a => a!.Contains("Rapporter antall deltakere per kvartal.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_officer_asks_the_applicant_who_answers_on_the_application_and_both_are_logged()
    {
        var id = await SubmitNewAsync("3401");
        var officer = await TakeAsync("saksbehandler.innlandet@demo.ktu", id);
        var asked = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/questions", new { question = "Hvor mange av de tre er sykepleiere?" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("AwaitingApplicant", (await ReadAsync(asked))["status"]!.GetValue<string>());

        var applicant = await Factory.ApplicantAsync("3401");
        var questions = (await applicant.GetFromJsonAsync<JsonArray>($"/api/v1/applications/{id}/questions"))!;
        var question = questions.Single()!.AsObject();
        Assert.Null(question["answer"]);
        var questionId = question["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest,
            (await applicant.PostAsJsonAsync($"/api/v1/applications/{id}/questions/{questionId}/answer", new { answer = "  " })).StatusCode);
        var answered = await applicant.PostAsJsonAsync($"/api/v1/applications/{id}/questions/{questionId}/answer", new { answer = "To av dem." });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await applicant.PostAsJsonAsync($"/api/v1/applications/{id}/questions/{questionId}/answer", new { answer = "Igjen." })).StatusCode);

        var caseView = await ReadAsync(await officer.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal("UnderAssessment", caseView["status"]!.GetValue<string>());
        Assert.Equal("To av dem.", caseView["questions"]![0]!["answer"]!.GetValue<string>());

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actions = await db.AuditEntries.Where(e => e.EntityId == id).Select(e => e.Action).ToListAsync();
        Assert.Contains("case.information-requested", actions);
        Assert.Contains("application.information-provided", actions);
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Subject.Contains("Spørsmål om søknad")));
    }

    [Fact]
    public async Task The_allocation_goes_from_assessment_through_four_eyes_to_fixed_decisions()
    {
        await SetPotAsync(200_000, earmark: 40_000);
        var assessments = new Dictionary<string, string>
        {
            ["4201"] = Officer,
            ["4203"] = Officer2,
            ["4204"] = Officer,
            ["4211"] = Officer2,
        };
        foreach (var (number, email) in assessments)
        {
            var id = fixture.Applications[number];
            var officer = await TakeAsync(email, id);
            var assessed = new object[]
            {
                new { lineId = "kompetanse-1-videreforing", score = 4 },
                new { lineId = "kompetanse-1-nye", score = 3 },
                new { lineId = "bpa-1", score = 5 },
                new { lineId = "prosjekt-1", score = number == "4204" ? 0 : 3, amount = number == "4204" ? 0 : 100_000,
                    reason = number == "4204" ? "Prosjektet er drift, ikke utvikling." : "Utstyr dekkes ikke av ordningen." },
            };
            var saved = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines = assessed, completed = true, note = "Intern merknad." });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal("Assessed", (await ReadAsync(saved))["status"]!.GetValue<string>());
        }

        var officerApi = await Factory.CreateApiClientAsync(Officer);
        var round = await ReadAsync(await officerApi.GetAsync($"/api/v1/allocations/{OpenYear}"));
        Assert.Equal(200_000, round["pot"]!.GetValue<long>());
        Assert.Empty(round["notReady"]!.AsArray());
        var lines = round["lines"]!.AsArray().Select(l => l!.AsObject()).ToList();
        Assert.Equal(16, lines.Count);
        Assert.True(round["totalProposed"]!.GetValue<long>() <= 200_000);
        Assert.All(lines, l => Assert.True(l["amountProposed"]!.GetValue<long>() <= l["amountApplied"]!.GetValue<long>()));
        Assert.All(lines.Where(l => l["score"]!.GetValue<int>() == 0), l => Assert.Equal(0, l["amountProposed"]!.GetValue<long>()));

        // Adjust one line; over-spending the pot is refused at submit.
        var line = lines.First(l => l["lineId"]!.GetValue<string>() == "bpa-1");
        var over = await officerApi.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            version = round["version"]!.GetValue<int>(),
            adjustments = lines.Where(l => l["score"]!.GetValue<int>() > 0)
                .Select(l => new { lineKey = l["key"]!.GetValue<string>(), amount = l["amountAssessed"]!.GetValue<long>(), reason = "Full finansiering." }),
        });
        Assert.Equal(HttpStatusCode.OK, over.StatusCode);
        var overRound = await ReadAsync(over);
        Assert.True(overRound["totalFinal"]!.GetValue<long>() > 200_000);
        Assert.NotEmpty(overRound["blockers"]!.AsArray());
        var refusedSubmit = await officerApi.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = overRound["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.Conflict, refusedSubmit.StatusCode);
        Assert.Contains("over rammen", (await ReadAsync(refusedSubmit))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // Lowering a line always fits: the pot's general money (the earmark is for respite, which nobody applied for) is not exceeded.
        var lowered = Math.Max(0, line["amountProposed"]!.GetValue<long>() - 1_000);
        var adjusted = await ReadAsync(await officerApi.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            version = overRound["version"]!.GetValue<int>(),
            adjustments = new[] { new { lineKey = line["key"]!.GetValue<string>(), amount = lowered, reason = "Tre av fire arbeidsledere får opplæring i år." } },
        }));
        Assert.Equal(lowered, adjusted["lines"]!.AsArray().Single(l => l!["key"]!.GetValue<string>() == line["key"]!.GetValue<string>())!["amountFinal"]!.GetValue<long>());
        Assert.Empty(adjusted["blockers"]!.AsArray());
        Assert.Equal(40_000, adjusted["earmarks"]![0]!["left"]!.GetValue<long>());

        // A stale version is refused.
        Assert.Equal(HttpStatusCode.Conflict,
            (await officerApi.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() })).StatusCode);
        var submitted = await officerApi.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = adjusted["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var awaiting = await ReadAsync(submitted);
        Assert.Equal("AwaitingApproval", awaiting["status"]!.GetValue<string>());

        // Frozen while awaiting approval: no adjustment, no assessment change.
        Assert.Equal(HttpStatusCode.Conflict, (await officerApi.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new { adjustments = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officerApi.PutAsJsonAsync($"/api/v1/cases/{fixture.Applications["4201"]}/assessment", new { lines = Array.Empty<object>() })).StatusCode);
        // Officers cannot approve.
        Assert.Equal(HttpStatusCode.Forbidden, (await officerApi.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);

        // Sent back once, then submitted again.
        var approver = await Factory.CreateApiClientAsync(Approver);
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/send-back", new { reason = "" })).StatusCode);
        var sentBack = await approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/send-back", new { reason = "Sjekk BPA-linjen for Risør." });
        Assert.Equal(HttpStatusCode.OK, sentBack.StatusCode);
        var draft = await ReadAsync(sentBack);
        Assert.Equal("Draft", draft["status"]!.GetValue<string>());
        Assert.Equal("Sjekk BPA-linjen for Risør.", draft["sentBackReason"]!.GetValue<string>());
        var again = await ReadAsync(await officerApi.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = draft["version"]!.GetValue<int>() }));
        var total = again["totalFinal"]!.GetValue<long>();

        // Two approvers at once: exactly one wins, one set of decisions, within the pot.
        await Factory.PassApplicationDeadlineAsync(Embete, OpenYear);
        var approver2 = await Factory.CreateApiClientAsync(Approver2);
        var version = again["version"]!.GetValue<int>();
        var results = await Task.WhenAll(
            approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version }),
            approver2.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version }));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        // Approving twice is refused, and nothing changes a fixed decision.
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officerApi.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new { adjustments = Array.Empty<object>() })).StatusCode);

        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == Embete && d.SchemeYear == OpenYear).ToListAsync();
            Assert.Equal(4, decisions.Count);
            Assert.Equal(total, decisions.Sum(d => d.AmountGranted));
            Assert.True(decisions.Sum(d => d.AmountGranted) <= 200_000);
            Assert.All(decisions, d => Assert.NotEqual(d.OfficerUserId, d.ApproverUserId));
            var actions = await db.AuditEntries.Select(e => e.Action).ToListAsync();
            Assert.Contains("allocation.approved", actions);
            Assert.Equal(4, actions.Count(a => a == "decision.made"));
        }

        // The applicant sees its decision; the project scored 0 is not granted, with the reason.
        var kristiansand = await Factory.ApplicantAsync("4204");
        var decision = await ReadAsync(await kristiansand.GetAsync($"/api/v1/applications/{fixture.Applications["4204"]}/decision"));
        var project = decision["lines"]!.AsArray().Single(l => l!["lineId"]!.GetValue<string>() == "prosjekt-1")!;
        Assert.Equal(0, project["amountGranted"]!.GetValue<long>());
        Assert.Contains("drift", project["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Intern merknad", decision.ToJsonString(), StringComparison.Ordinal);

        var admin = await Factory.CreateApiClientAsync("admin@demo.ktu");
        var verify = await ReadAsync(await admin.GetAsync("/api/v1/audit/verify"));
        Assert.True(verify["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Nobody_approves_what_they_submitted_themselves()
    {
        // A leader who is also a case officer in another embete's setup: the four-eyes rule is about persons, not roles.
        const string email = "begge.rogaland@demo.ktu";
        await using (var scope = Factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Begge roller", EmbeteId = "rogaland" };
                Assert.True((await users.CreateAsync(user, KtuFactory.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRolesAsync(user, [Roles.CaseOfficer, Roles.Approver])).Succeeded);
            }
        }
        var id = await SubmitNewAsync("1106");

        var both = await Factory.CreateApiClientAsync(email);
        await Factory.AssignAndDeclareAsync(id, email, both);
        var assessed = await both.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new
        {
            lines = new object[]
            {
                new { lineId = "kompetanse-1-videreforing", score = 3 }, new { lineId = "kompetanse-1-nye", score = 3 },
                new { lineId = "bpa-1", score = 3 }, new { lineId = "prosjekt-1", score = 3 },
            },
            completed = true,
        });
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { })).StatusCode);

        await Factory.PassApplicationDeadlineAsync("rogaland", OpenYear);
        var self = await both.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("fire øyne", (await ReadAsync(self))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var leader = await Factory.CreateApiClientAsync("leder.rogaland@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);
    }

    private async Task<string> SubmitNewAsync(string municipalityNumber)
    {
        var api = await Factory.ApplicantAsync(municipalityNumber);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
        return Id(draft);
    }

    private async Task<HttpClient> TakeAsync(string email, string applicationId)
    {
        return await Factory.AssignAndDeclareAsync(applicationId, email);
    }

    private async Task SetPotAsync(long amount, long earmark)
    {
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.Include(p => p.Earmarks).SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
        pot.Amount = amount;
        foreach (var e in pot.Earmarks)
        {
            e.Amount = earmark;
        }
        await db.SaveChangesAsync();
    }
}
