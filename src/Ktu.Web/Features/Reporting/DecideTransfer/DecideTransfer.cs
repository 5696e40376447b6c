using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

public sealed record TransferDecisionRequest(bool? Approve, string? Reason);

/// <summary>The decision on a grant's applied transfer, as the applicant and the embete read it.</summary>
public sealed record TransferDto(bool Approved, long Amount, int FromYear, int ToYear, string? Reason, string DecidedBy, DateTimeOffset DecidedAt, string LetterSha256, string LetterUrl)
{
    internal static TransferDto Of(TransferDecision t) => new(t.Approved, t.Amount, t.FromYear, t.ToYear, t.Reason, t.DecidedByName, t.DecidedAt, t.LetterSha256,
        $"/api/v1/grants/{t.GrantDecisionId}/transfer/letter.pdf");
}

/// <summary>
/// A leader decides an applied transfer of unused funds to a later year, once the report is approved: approved, the amount is
/// added to the embete's pot for the year the applicant chose (the next unless the grant's scheme year allows more, checked
/// again here by <see cref="UnusedFundsMoveAtMostTheAllowedYears"/>) as transferred money; refused, the money is to be paid back. Either way a
/// letter (PDF/A) goes to the applicant. Four eyes: not the case officer who recommended the report; nobody with a declared
/// conflict. One decision per grant; audited with the pot before and after.
/// </summary>
internal static class DecideTransfer
{
    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapPost("/transfer/decision", PostAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Innvilg eller avslå søknaden om å overføre ubrukte midler til neste år (etter at rapporten er godkjent). Innvilget beløp legges til embetets ramme for neste år som overførte midler. Gir vedtaksbrev.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapGet("/transfer/letter.pdf", LetterAsync)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .RequireAuthorization()
            .WithSummary("Vedtaksbrevet om overføring som PDF/A. For søkeren og embetet.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    internal static async Task<Results<Ok<TransferDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] TransferDecisionRequest? body, CancellationToken ct)
    {
        await ReportAccess.EmbeteGrantAsync(db, me, id, ct);
        var errors = new FieldErrors();
        if (body?.Approve is null)
        {
            errors.Add("approve", ReportingTexts.Transfer_ChooseOutcome);
        }
        var reason = body?.Reason?.Trim();
        if (body?.Approve == false && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", ReportingTexts.Transfer_ReasonRequired);
        }
        if (reason is { Length: > TransferDecision.MaxReasonLength })
        {
            errors.Add("reason", Format.Text(ReportingTexts.Review_ReasonTooLong, TransferDecision.MaxReasonLength));
        }
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        return TypedResults.Ok(TransferDto.Of(await HandleAsync(db, me, time, id, body!.Approve!.Value, reason, ct)));
    }

    public static async Task<TransferDecision> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid grantId, bool approve, string? reason, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, grantId, ct);
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct);
        if (report is not { Status: ReportStatus.Approved })
        {
            throw new RuleViolationException(ReportingTexts.Transfer_ReportNotApproved, "report-not-approved");
        }
        var content = report.ReadContent();
        if (content.UnusedFunds != UnusedFundsChoice.Transfer || content.Unused <= 0)
        {
            throw new RuleViolationException(ReportingTexts.Transfer_NotApplied, "no-transfer-applied");
        }
        var scheme = await db.Reference.SchemeYearAsync(grant.SchemeYear, ct)
            ?? throw new NotFoundException(Format.Text(ReportingTexts.Transfer_NoNextPot, grant.SchemeYear));
        var toYear = UnusedFundsMoveAtMostTheAllowedYears.TargetOf(grant.SchemeYear, content.TransferToYear);
        if (!UnusedFundsMoveAtMostTheAllowedYears.Allows(grant.SchemeYear, toYear, scheme.MaxTransferYears))
        {
            var years = UnusedFundsMoveAtMostTheAllowedYears.TargetYears(grant.SchemeYear, scheme.MaxTransferYears);
            throw new RuleViolationException(Format.Text(ReportTexts.Rule_TransferYear, toYear, years[0], years[^1]), "transfer-year-out-of-range");
        }
        if (await db.TransferDecisions.AnyAsync(t => t.GrantDecisionId == grant.Id, ct))
        {
            throw new RuleViolationException(ReportingTexts.Transfer_AlreadyDecided, "transfer-decided");
        }
        if (report.RecommendedByUserId == me.Id)
        {
            throw new RuleViolationException(ReportingTexts.Transfer_OwnRecommendation, "four-eyes");
        }
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        var now = time.GetUtcNow();
        var embeteName = await db.Embeter.Where(e => e.Id == grant.EmbeteId).Select(e => e.NameBokmal).SingleAsync(ct);
        var payee = (await db.CurrentPayeesAsync([grant.Id], ct)).GetValueOrDefault(grant.Id);
        var decision = TransferDecision.Make(report, toYear, content.Unused, approve, reason, me.Actor, now, t => FollowUpLetterPdf.Transfer(t, grant, embeteName, payee));
        db.TransferDecisions.Add(decision);
        object? potBefore = null;
        object? potAfter = null;
        if (approve)
        {
            var pot = await db.Pots.SingleOrDefaultAsync(p => p.SchemeYear == decision.ToYear && p.EmbeteId == grant.EmbeteId, ct)
                ?? throw new RuleViolationException(Format.Text(ReportingTexts.Transfer_NoNextPot, decision.ToYear), "next-year-pot-missing");
            potBefore = new { year = pot.SchemeYear, approvedTransfers = pot.ApprovedTransfers };
            pot.ApprovedTransfers += decision.Amount;
            potAfter = new { year = pot.SchemeYear, approvedTransfers = pot.ApprovedTransfers };
        }
        AuditTrail.Record(db, me, now, approve ? "grant.transfer-approved" : "grant.transfer-refused", "grant", grant.Id.ToString(),
            grant.OrganisationId, grant.EmbeteId, before: potBefore,
            after: new { decision.Amount, decision.FromYear, decision.ToYear, decision.Reason, decision.LetterSha256, pot = potAfter });
        var to = await db.GrantReportSubmissions.AsNoTracking().Where(s => s.GrantReportId == report.Id)
            .OrderByDescending(s => s.Number).Select(s => s.SubmittedByEmail).FirstOrDefaultAsync(ct);
        if (to is not null)
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(ReportingTexts.Email_Transfer_Subject, grant.CaseReference),
                Format.Text(approve ? ReportingTexts.Email_Transfer_Approved : ReportingTexts.Email_Transfer_Refused, Format.Nok(decision.Amount), decision.ToYear), now));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another leader decided at the same moment (one decision per grant): theirs stands, the pot is untouched.
            throw new RuleViolationException(ReportingTexts.Transfer_AlreadyDecided, "transfer-decided");
        }
        return decision;
    }

    internal static async Task<FileContentHttpResult> LetterAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var decision = await db.TransferDecisions.AsNoTracking().SingleOrDefaultAsync(t => t.GrantDecisionId == grant.Id, ct)
            ?? throw new NotFoundException(ReportingTexts.Transfer_NotDecided);
        return TypedResults.File(decision.LetterPdf, "application/pdf", $"{grant.CaseReference}-overforing.pdf");
    }
}
