using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>One grant in the report overview.</summary>
/// <param name="State">not-started, draft, submitted, returned or approved.</param>
/// <param name="Late">The deadline has passed and the report has not been sent.</param>
/// <param name="EvidenceMissing">A report has been written but the auditor's statement or accounts print it needs is not attached.</param>
/// <param name="OwesMoney">An issued claim is unpaid, or money is left unused to be paid back (chosen, or the transfer refused) and no claim is made yet.</param>
/// <param name="TransferRequested">Money is left unused, the applicant applies to use it next year, and the embete has not decided.</param>
/// <param name="Transfer">The embete's decision on the transfer: approved, refused, or null.</param>
/// <param name="Closed">Nothing is left to do: the report is approved, and any unused money is transferred or claimed and the claim paid; or, with no report, a claim for the grant is paid.</param>
/// <param name="Claimed">Whole kroner claimed back (proposed, issued or paid); <paramref name="ClaimedUnpaid"/> of it issued and not paid.</param>
public sealed record ReportOverviewRow(
    Guid GrantId,
    Guid ApplicationId,
    string CaseReference,
    string Applicant,
    string OrgNumber,
    long AmountGranted,
    bool Paid,
    string State,
    DateTimeOffset? SubmittedAt,
    bool Late,
    AccountsEvidence Evidence,
    bool EvidenceMissing,
    long Unused,
    bool OwesMoney,
    bool TransferRequested,
    string? RecommendedBy,
    string? Transfer,
    long Claimed,
    long ClaimedUnpaid,
    bool Closed);

public sealed record ReportOverviewCounts(
    int Total, int NotStarted, int Draft, int Submitted, int Returned, int Approved, int Late, int EvidenceMissing, int OwesMoney, int TransferRequested, int Closed);

/// <param name="YearClosed">Every grant of the year is closed (<see cref="ReportOverviewRow.Closed"/>): the embete can close the year.</param>
public sealed record ReportOverview(int Year, DateOnly Opens, DateOnly Deadline, ReportOverviewCounts Counts, IReadOnlyList<ReportOverviewRow> Reports, bool YearClosed);

/// <summary>
/// The embete's report overview for one scheme year: every grant with where its report is, who is late, who lacks the auditor's
/// statement, who owes money and who asks for a transfer; counts over all and a filter like the inbox. Own embete only.
/// </summary>
internal static class ListReports
{
    public static readonly string[] States = ["not-started", "draft", "submitted", "returned", "approved"];
    public static readonly string[] Filters = ["late", "evidence-missing", "owes-money", "transfer"];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/reports", GetAsync)
            .WithTags(ReportingFeature.Tag)
            .RequireAuthorization(Policies.EmbeteStaff)
            .RequireApiScope(ApiScopes.ReportOverviewRead)
            .WithSummary("Rapportoversikten for embetet og året: hvem som har rapportert, er for sent ute, mangler revisorattestasjon, skylder penger eller søker overføring. Filtrer med state= og filter=.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Results<Ok<ReportOverview>, ValidationProblem>> GetAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, int? year, string? state, string? filter, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (year is null)
        {
            errors.Add("year", ReportingTexts.Overview_YearMissing);
        }
        if (state is not null && !States.Contains(state))
        {
            errors.Add("state", ReportingTexts.Overview_StateUnknown);
        }
        if (filter is not null && !Filters.Contains(filter))
        {
            errors.Add("filter", ReportingTexts.Overview_FilterUnknown);
        }
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        var overview = await LoadAsync(db, me, year!.Value, time.GetUtcNow(), ct)
            ?? throw new NotFoundException(ReportingTexts.Overview_YearNotFound);
        return TypedResults.Ok(overview with { Reports = Filter(overview.Reports, state, filter) });
    }

    public static IReadOnlyList<ReportOverviewRow> Filter(IReadOnlyList<ReportOverviewRow> rows, string? state, string? filter) =>
        rows.Where(r => state is null || r.State == state)
            .Where(r => filter switch
            {
                "late" => r.Late,
                "evidence-missing" => r.EvidenceMissing,
                "owes-money" => r.OwesMoney,
                "transfer" => r.TransferRequested,
                _ => true,
            })
            .ToList();

    /// <summary>Null when the scheme year does not exist.</summary>
    public static async Task<ReportOverview?> LoadAsync(AppDbContext db, CurrentUser me, int year, DateTimeOffset now, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var scheme = await db.Reference.SchemeYearAsync(year, ct);
        if (scheme is null)
        {
            return null;
        }
        var pot = await db.Pots.AsNoTracking().SingleOrDefaultAsync(p => p.SchemeYear == year && p.EmbeteId == embeteId, ct);
        var window = ReportWindow.For(scheme, pot);
        var today = NorwayTime.DateOf(now);

        // One row per grant: a supplementary decision of a later round adds to its application's grant.
        var grants = await db.GrantTotalsAsync(d => d.SchemeYear == year && d.EmbeteId == embeteId, ct);
        var reports = await db.GrantReports.AsNoTracking()
            .Where(r => r.SchemeYear == year && r.EmbeteId == embeteId)
            .Select(r => new { r.GrantDecisionId, r.Status, r.Document, r.SubmittedAt, r.SubmissionCount, r.RecommendedByName })
            .ToDictionaryAsync(r => r.GrantDecisionId, ct);
        var attached = (await db.ReportAttachments.AsNoTracking()
                .Where(a => a.SchemeYear == year && a.EmbeteId == embeteId)
                .Select(a => new { a.GrantDecisionId, a.Kind })
                .Distinct()
                .ToListAsync(ct))
            .ToLookup(a => a.GrantDecisionId, a => a.Kind);
        var transfers = await db.TransferDecisions.AsNoTracking()
            .Where(t => t.FromYear == year && t.EmbeteId == embeteId)
            .Select(t => new { t.GrantDecisionId, t.Approved })
            .ToDictionaryAsync(t => t.GrantDecisionId, t => t.Approved, ct);
        var claims = (await db.RepaymentClaims.AsNoTracking()
                .Where(c => c.SchemeYear == year && c.EmbeteId == embeteId)
                .Select(c => new { c.GrantDecisionId, c.Amount, c.Status })
                .ToListAsync(ct))
            .ToLookup(c => c.GrantDecisionId);
        var owed = await db.StatementsOwedAsync(grants.Select(g => g.OrganisationId).Distinct().ToList(), year, ct);
        var paid = (await db.GrantPayments.AsNoTracking()
            .Where(p => p.SchemeYear == year && p.EmbeteId == embeteId)
            .Select(p => p.GrantDecisionId)
            .ToListAsync(ct)).ToHashSet();

        var rows = new List<ReportOverviewRow>(grants.Count);
        foreach (var g in grants)
        {
            var report = reports.GetValueOrDefault(g.Id);
            var content = report is null ? null : ReportJson.Deserialize(report.Document);
            var requirement = AuditorRequirement.For(scheme, g.AmountGranted, content?.TotalSpent ?? 0, owed.ContainsKey(g.OrganisationId));
            var state = report is null ? "not-started" : report.Status switch
            {
                ReportStatus.Submitted => "submitted",
                ReportStatus.Returned => "returned",
                ReportStatus.Approved => "approved",
                _ => "draft",
            };
            var sent = report?.Status is ReportStatus.Submitted or ReportStatus.Approved;
            var evidenceInPlace = requirement.IsMet(attached[g.Id], content?.AuditorStatementPostponed == true);
            var unused = content is not null && content.Accounts.All(a => a.Spent is not null) ? content.Unused : 0;
            bool? transfer = transfers.TryGetValue(g.Id, out var approved) ? approved : null;
            var grantClaims = claims[g.Id].ToList();
            var unpaid = grantClaims.Where(c => c.Status == ClaimStatus.Issued).Sum(c => c.Amount);
            var toRepay = unused > 0 && (content!.UnusedFunds == UnusedFundsChoice.Repay || transfer == false);
            rows.Add(new ReportOverviewRow(
                g.Id, g.ApplicationId, g.CaseReference, g.ApplicantName, g.ApplicantOrgNumber, g.AmountGranted, g.GrantingDecisionIds.All(paid.Contains),
                state,
                report?.SubmissionCount > 0 ? report.SubmittedAt : null,
                Late: !sent && window.IsPastOn(today),
                requirement.Evidence,
                EvidenceMissing: report is not null && !evidenceInPlace,
                unused,
                OwesMoney: unpaid > 0 || (toRepay && grantClaims.Count == 0),
                TransferRequested: unused > 0 && content!.UnusedFunds == UnusedFundsChoice.Transfer && transfer is null,
                report?.RecommendedByName,
                transfer switch { true => "approved", false => "refused", null => null },
                grantClaims.Sum(c => c.Amount),
                unpaid,
                Closed: IsClosed(report?.Status, unused, transfer, grantClaims.Select(c => c.Status).ToList(), toRepay)));
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.CaseReference, b.CaseReference));
        var counts = new ReportOverviewCounts(
            rows.Count,
            rows.Count(r => r.State == "not-started"),
            rows.Count(r => r.State == "draft"),
            rows.Count(r => r.State == "submitted"),
            rows.Count(r => r.State == "returned"),
            rows.Count(r => r.State == "approved"),
            rows.Count(r => r.Late),
            rows.Count(r => r.EvidenceMissing),
            rows.Count(r => r.OwesMoney),
            rows.Count(r => r.TransferRequested),
            rows.Count(r => r.Closed));
        return new ReportOverview(year, window.Opens, window.Deadline, counts, rows, rows.Count > 0 && rows.All(r => r.Closed));
    }

    /// <summary>A grant is closed when nothing is left to do for it: see <see cref="ReportOverviewRow.Closed"/>.</summary>
    public static bool IsClosed(ReportStatus? report, long unused, bool? transferApproved, IReadOnlyList<ClaimStatus> claims, bool toRepay)
    {
        var claimsSettled = claims.Count > 0 && claims.All(c => c == ClaimStatus.Paid);
        if (report != ReportStatus.Approved)
        {
            // Not reported: closed only by a claim that has been paid.
            return claimsSettled;
        }
        if (unused <= 0)
        {
            return claims.All(c => c == ClaimStatus.Paid);
        }
        return transferApproved == true ? claims.All(c => c == ClaimStatus.Paid) : toRepay && claimsSettled;
    }
}
