using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.IntegrationTests.Reporting;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Security;

/// <summary>
/// Issue 16's refusals that need more than a submitted application: the arranged application is taken on through the
/// real case flow after the matrix has been walked (everything in Trøndelag assessed, the allocation sent and approved,
/// the grant's letter made, a payment, a corrected letter and a repayment claim proposed, an account change and a
/// reallocation applied for, the report sent and recommended, a transfer applied for). At each step the callers who must
/// be refused call the state-changing route on that real object with a body that would otherwise be accepted, and the
/// cell records the rule's answer (409 with its code). Nothing may change: the audit trail and the objects' versions are
/// the same before and after each refused call.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private const string DualEmail = "begge.trondelag@matrise.test";

    /// <summary>(route, caller) → the refusal code expected once the state for it is made; called after the matrix is walked.</summary>
    private static readonly Dictionary<(string Route, Caller Caller), string> RefusedLater = new()
    {
        [("PUT /api/v1/allocations/{year:int}/", Caller.CaseOfficerConflicted)] = "impartiality-conflict",
        [("POST /api/v1/allocations/{year:int}/approve", Caller.CaseOfficerAndApprover)] = "four-eyes",
        [("POST /api/v1/allocations/{year:int}/approve", Caller.ApproverConflicted)] = "four-eyes",
        [("POST /api/v1/grants/{id:guid}/paid", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/paid/confirm", Caller.CaseOfficerAndApprover)] = "four-eyes",
        [("POST /api/v1/grants/{id:guid}/paid/confirm", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/paid/cancel", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/paid/cancel", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/letters", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/letters/confirm", Caller.CaseOfficerAndApprover)] = "four-eyes",
        [("POST /api/v1/grants/{id:guid}/letters/confirm", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/letters/cancel", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/letters/cancel", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/repayment-claims", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/issue", Caller.CaseOfficerAndApprover)] = "four-eyes",
        [("POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/issue", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/account-changes/{changeId:guid}/decision", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/reallocations/{reallocationId:guid}/decision", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/report/recommend", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/report/return", Caller.CaseOfficerConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/report/approve", Caller.CaseOfficerAndApprover)] = "four-eyes",
        [("POST /api/v1/grants/{id:guid}/report/approve", Caller.ApproverConflicted)] = "conflict-declared",
        [("POST /api/v1/grants/{id:guid}/transfer/decision", Caller.CaseOfficerAndApprover)] = "four-eyes",
        [("POST /api/v1/grants/{id:guid}/transfer/decision", Caller.ApproverConflicted)] = "conflict-declared",
    };

    /// <summary>The person with both roles in Trøndelag who takes every case and proposes everything (<see cref="Caller.CaseOfficerAndApprover"/>).</summary>
    private async Task CreateDualUserAsync()
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = DualEmail,
            Email = DualEmail,
            EmailConfirmed = true,
            FullName = "Saksbehandler og leder i matrisen",
            EmbeteId = "trondelag",
        };
        Assert.True((await users.CreateAsync(user, KtuFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, [Roles.CaseOfficer, Roles.Approver])).Succeeded);
    }

    /// <summary>
    /// Takes the arranged application through the case flow and calls each <see cref="RefusedLater"/> cell where its state
    /// is made; returns the cells by (route, caller).
    /// </summary>
    private async Task<Dictionary<(string Route, Caller Caller), Cell>> RefuseLaterAsync(string applicationId, Func<Caller, Task<HttpClient>> api)
    {
        var year = ApplicationApi.OpenYear;
        var cells = new Dictionary<(string, Caller), Cell>();
        var dual = await api(Caller.CaseOfficerAndApprover);
        var leader = await api(Caller.Approver);

        async Task RefuseAsync(string route, Caller caller, string path, object body)
        {
            var before = await FingerprintAsync();
            using var response = await (await api(caller)).PostOrPutAsync(route, path, body);
            var text = await response.Content.ReadAsStringAsync();
            var after = await FingerprintAsync();
            var expected = RefusedLater[(route, caller)];
            var code = (int)response.StatusCode == 409 ? JsonNode.Parse(text)?["code"]?.GetValue<string>() : null;
            var shown = $"{(int)response.StatusCode}{(code is null ? "" : " " + code)}";
            cells[(route, caller)] = code != expected
                ? new Cell(false, $"❗ {shown}", $"expected 409 {expected}, got {shown}: {text}")
                : before != after
                    ? new Cell(false, $"❗ {shown} changed", $"refused with {shown}, but something changed: {before} → {after}")
                    : new Cell(false, $"✘ {shown}", null);
        }

        // Every application in Trøndelag's year goes to the person with both roles, who assesses it.
        List<Guid> applications;
        await using (var scope = factory.CreateScope())
        {
            applications = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Applications
                .Where(a => a.EmbeteId == "trondelag" && a.SchemeYear == year && a.Status == Ktu.Web.Domain.Applications.ApplicationStatus.Submitted)
                .Select(a => a.Id).ToListAsync();
        }
        foreach (var id in applications.Select(a => a.ToString()))
        {
            await factory.AssignAndDeclareAsync(id, DualEmail, dual);
            var lines = (await ApplicationApi.ReadAsync(await dual.GetAsync(new Uri($"/api/v1/cases/{id}", UriKind.Relative))))["lines"]!.AsArray()
                .Select(l => new { lineId = l!["id"]!.GetValue<string>(), score = 3 }).ToArray();
            using var assessed = await dual.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true });
            Assert.True(assessed.IsSuccessStatusCode, await assessed.Content.ReadAsStringAsync());
        }

        // The officer with a conflict cannot set the arranged application's money.
        var round = await ApplicationApi.ReadAsync(await dual.GetAsync(new Uri($"/api/v1/allocations/{year}", UriKind.Relative)));
        var line = round["lines"]!.AsArray().First(l => l!["applicationId"]!.GetValue<string>() == applicationId)!;
        await RefuseAsync("PUT /api/v1/allocations/{year:int}/", Caller.CaseOfficerConflicted, $"/api/v1/allocations/{year}", new
        {
            version = round["version"]!.GetValue<int>(),
            adjustments = new[] { new { lineKey = line["key"]!.GetValue<string>(), amount = 1_000L, reason = "Redusert etter vurdering." } },
        });

        // Sent for approval by the person with both roles, who cannot approve it; nor can the approver with a conflict.
        var submitted = await dual.PostAsJsonAsync($"/api/v1/allocations/{year}/submit", new { version = round["version"]!.GetValue<int>() });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        await factory.PassApplicationDeadlineAsync("trondelag", year);
        await RefuseAsync("POST /api/v1/allocations/{year:int}/approve", Caller.CaseOfficerAndApprover, $"/api/v1/allocations/{year}/approve", new { });
        await RefuseAsync("POST /api/v1/allocations/{year:int}/approve", Caller.ApproverConflicted, $"/api/v1/allocations/{year}/approve", new { });
        using (var approved = await leader.PostAsJsonAsync($"/api/v1/allocations/{year}/approve", new { }))
        {
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        }
        string grant;
        await using (var scope = factory.CreateScope())
        {
            grant = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().GrantDecisions
                .SingleAsync(d => d.ApplicationId == Guid.Parse(applicationId))).Id.ToString();
        }
        var url = $"/api/v1/grants/{grant}";
        using (var letters = await leader.PostAsync(new Uri($"/api/v1/allocations/{year}/letters", UriKind.Relative), null))
        {
            Assert.True(letters.IsSuccessStatusCode, await letters.Content.ReadAsStringAsync());
        }

        // The person with both roles proposes the payment and a corrected letter; a second person confirms, not they.
        var paid = await ProposalAsync(dual, url + "/paid", new { paidOn = "2026-11-23" });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/paid", Caller.CaseOfficerConflicted, url + "/paid", new { paidOn = "2026-11-23" });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/paid/confirm", Caller.CaseOfficerAndApprover, url + "/paid/confirm", new { proposalId = paid });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/paid/confirm", Caller.ApproverConflicted, url + "/paid/confirm", new { proposalId = paid });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/paid/cancel", Caller.CaseOfficerConflicted, url + "/paid/cancel", new { proposalId = paid });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/paid/cancel", Caller.ApproverConflicted, url + "/paid/cancel", new { proposalId = paid });
        var letter = await ProposalAsync(dual, url + "/letters", new { reason = "Feil navn på kontaktpersonen." });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/letters", Caller.CaseOfficerConflicted, url + "/letters", new { reason = "Feil navn på kontaktpersonen." });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/letters/confirm", Caller.CaseOfficerAndApprover, url + "/letters/confirm", new { proposalId = letter });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/letters/confirm", Caller.ApproverConflicted, url + "/letters/confirm", new { proposalId = letter });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/letters/cancel", Caller.CaseOfficerConflicted, url + "/letters/cancel", new { proposalId = letter });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/letters/cancel", Caller.ApproverConflicted, url + "/letters/cancel", new { proposalId = letter });

        // A repayment claim: proposed by the person with both roles, issued by someone else, never by one with a conflict.
        var claimBody = new { basis = "unused-funds", amount = 10_000, reason = "Midler som ikke ble brukt.", dueDate = "2028-03-01", chapterPost = "0761.21", offsetAgainstNextGrant = false };
        var claim = await ApplicationApi.ReadAsync(await dual.PostAsJsonAsync(url + "/repayment-claims", claimBody));
        await RefuseAsync("POST /api/v1/grants/{id:guid}/repayment-claims", Caller.CaseOfficerConflicted, url + "/repayment-claims", claimBody);
        var claimStep = new { version = claim["version"]!.GetValue<int>() };
        await RefuseAsync("POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/issue", Caller.CaseOfficerAndApprover, $"{url}/repayment-claims/{claim["id"]}/issue", claimStep);
        await RefuseAsync("POST /api/v1/grants/{id:guid}/repayment-claims/{claimId:guid}/issue", Caller.ApproverConflicted, $"{url}/repayment-claims/{claim["id"]}/issue", claimStep);

        // The applicant reports a new account and applies to reallocate: those with a conflict decide neither.
        var applicant = await api(Caller.ApplicantOwnOrg);
        var change = await ApplicationApi.ReadAsync(await applicant.PostAsJsonAsync(url + "/account-changes", new { accountNumber = "86011117947", reason = "Kommunen har byttet bank." }));
        await RefuseAsync("POST /api/v1/grants/{id:guid}/account-changes/{changeId:guid}/decision", Caller.ApproverConflicted, $"{url}/account-changes/{change["id"]}/decision", new { approve = true, version = change["version"]!.GetValue<int>() });
        var reallocation = await ApplicationApi.ReadAsync(await applicant.PostAsJsonAsync(url + "/reallocations", new { fromLineId = "prosjekt-1", amount = 1_000, purpose = "Opplæring i velferdsteknologi.", reason = "Prosjektet ble rimeligere." }));
        var reallocationStep = new { approve = false, reason = "Ikke godt nok begrunnet.", version = reallocation["version"]!.GetValue<int>() };
        await RefuseAsync("POST /api/v1/grants/{id:guid}/reallocations/{reallocationId:guid}/decision", Caller.CaseOfficerConflicted, $"{url}/reallocations/{reallocation["id"]}/decision", reallocationStep);
        using (var refused = await leader.PostAsJsonAsync($"{url}/reallocations/{reallocation["id"]}/decision", reallocationStep))
        {
            Assert.True(refused.IsSuccessStatusCode, await refused.Content.ReadAsStringAsync());
        }

        // In the report window: the applicant reports unused money and applies to transfer it; the person with both roles
        // recommends the report, so approves neither it nor the transfer.
        factory.Time.SetUtcNow(new DateTimeOffset(year + 1, 1, 20, 9, 0, 0, TimeSpan.Zero));
        applicant = await api(Caller.ApplicantOwnOrg);
        dual = await api(Caller.CaseOfficerAndApprover);
        leader = await api(Caller.Approver);
        var document = await ApplicationApi.ReadAsync(await applicant.GetAsync(new Uri(url + "/report", UriKind.Relative)));
        var report = Granting.Filled((JsonObject)document["report"]!.DeepClone());
        var accounts = report["accounts"]!.AsArray();
        foreach (var account in accounts)
        {
            account!["spent"] = account["granted"]!.GetValue<long>();
            account["explanation"] = null;
        }
        var last = accounts[^1]!;
        last["spent"] = last["granted"]!.GetValue<long>() - 10_000;
        last["explanation"] = "Utstyret ble rimeligere enn budsjettert.";
        report["unusedFunds"] = "transfer";
        report["transferReason"] = "Opplæringen av nattevakter er flyttet til våren.";
        var saved = await ApplicationApi.ReadAsync(await applicant.PutAsJsonAsync(url + "/report", new { version = document["version"]!.GetValue<int>(), report }));
        foreach (var kind in new[] { "auditor-statement", "accounts-print" })
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Granting.StatementPdf()), "file", kind + ".pdf" }, { new StringContent(kind), "kind" } };
            using var uploaded = await applicant.PostAsync(new Uri(url + "/report/attachments", UriKind.Relative), form);
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        }
        var version = (await ApplicationApi.ReadAsync(await applicant.GetAsync(new Uri(url + "/report", UriKind.Relative))))["version"]!.GetValue<int>();
        using (var sent = await applicant.PostAsJsonAsync(url + "/report/submit", new { version }))
        {
            Assert.True(sent.IsSuccessStatusCode, $"{saved["issues"]} {await sent.Content.ReadAsStringAsync()}");
        }
        version = (await ApplicationApi.ReadAsync(await dual.GetAsync(new Uri(url + "/report", UriKind.Relative))))["version"]!.GetValue<int>();
        await RefuseAsync("POST /api/v1/grants/{id:guid}/report/recommend", Caller.CaseOfficerConflicted, url + "/report/recommend", new { version });
        version = (await ApplicationApi.ReadAsync(await dual.PostAsJsonAsync(url + "/report/recommend", new { version })))["version"]!.GetValue<int>();
        await RefuseAsync("POST /api/v1/grants/{id:guid}/report/return", Caller.CaseOfficerConflicted, url + "/report/return", new { version, reason = "Regnskapet mangler en linje." });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/report/approve", Caller.CaseOfficerAndApprover, url + "/report/approve", new { version });
        await RefuseAsync("POST /api/v1/grants/{id:guid}/report/approve", Caller.ApproverConflicted, url + "/report/approve", new { version });
        using (var approvedReport = await leader.PostAsJsonAsync(url + "/report/approve", new { version }))
        {
            Assert.True(approvedReport.IsSuccessStatusCode, await approvedReport.Content.ReadAsStringAsync());
        }
        await using (var scope = factory.CreateScope())
        {
            // Next year's pot, for the transfer to go into.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var source = await db.SchemeYears.Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules).AsNoTracking().SingleAsync(s => s.Year == year);
            var next = Ktu.Web.Features.Schemes.CopySchemeYear.From(source, year + 1, source.ApplicationDeadline.AddYears(1), source.ReportDeadline.AddYears(1));
            next.Pots = [new Pot { EmbeteId = "trondelag", Amount = 1_000_000 }];
            db.SchemeYears.Add(next);
            await db.SaveChangesAsync();
        }
        var transfer = new { approve = true, reason = "Godt begrunnet." };
        await RefuseAsync("POST /api/v1/grants/{id:guid}/transfer/decision", Caller.CaseOfficerAndApprover, url + "/transfer/decision", transfer);
        await RefuseAsync("POST /api/v1/grants/{id:guid}/transfer/decision", Caller.ApproverConflicted, url + "/transfer/decision", transfer);
        return cells;
    }

    private static async Task<string> ProposalAsync(HttpClient proposer, string url, object body)
    {
        using var proposed = await proposer.PostAsJsonAsync(url, body);
        Assert.True(proposed.StatusCode == HttpStatusCode.Accepted, await proposed.Content.ReadAsStringAsync());
        return (await ApplicationApi.ReadAsync(proposed))["proposalId"]!.GetValue<string>();
    }

    /// <summary>What a refused call must leave as it was: the audit trail (every change writes it) and the versions and states of the case's objects.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rounds = await db.AllocationRounds.Where(r => r.EmbeteId == "trondelag").OrderBy(r => r.Number).Select(r => new { r.Version, r.Status }).ToListAsync();
        var proposals = await db.GrantProposals.Select(p => new { p.Id, p.Status }).ToListAsync();
        var parts = new List<object>
        {
            await db.AuditEntries.CountAsync(e => !e.Action.StartsWith("login.")),
            await db.GrantDecisions.CountAsync(),
            string.Join(",", rounds.Select(r => $"{r.Version}:{r.Status}")),
            string.Join(",", proposals.OrderBy(p => p.Id).Select(p => p.Status)),
            await db.GrantPayments.CountAsync(),
            await db.GrantLetters.CountAsync(),
            await db.GrantReports.SumAsync(r => r.Version),
            await db.TransferDecisions.CountAsync(),
            await db.RepaymentClaims.SumAsync(c => c.Version),
            await db.AccountChanges.SumAsync(c => c.Version),
            await db.Reallocations.SumAsync(c => c.Version),
        };
        return string.Join(" | ", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
    }
}

internal static class MatrixRequests
{
    /// <summary>PUT for a PUT route, POST otherwise, with a JSON body.</summary>
    public static Task<HttpResponseMessage> PostOrPutAsync(this HttpClient client, string route, string path, object body) =>
        route.StartsWith("PUT ", StringComparison.Ordinal) ? client.PutAsJsonAsync(path, body) : client.PostAsJsonAsync(path, body);
}
