using System.Text.RegularExpressions;
using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>A case officer proposes a claim; it is stored as proposed, and nothing else happens until another person issues it.</summary>
internal static partial class ClaimRepayment
{
    internal static async Task<Results<Created<RepaymentClaimDto>, ValidationProblem>> ProposeAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] RepaymentClaimRequest? body, CancellationToken ct)
    {
        var (claim, errors) = await ProposeClaimAsync(db, me, time, id, body ?? new RepaymentClaimRequest(null, null, null, null, null, null), ct);
        return claim is null
            ? errors.ToValidationProblem()
            : TypedResults.Created($"/api/v1/grants/{id}/repayment-claims", RepaymentClaimDto.Of(claim));
    }

    /// <summary>The claim, or the field errors and nothing stored.</summary>
    public static async Task<(RepaymentClaim? Claim, FieldErrors Errors)> ProposeClaimAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, RepaymentClaimRequest body, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, id, ct);
        if (!me.IsInRole(Roles.CaseOfficer))
        {
            throw new ForbiddenException(ReportingTexts.Claim_OfficerOnly);
        }
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        var reason = body.Reason?.Trim();
        RepaymentBasis? basis = body.Basis is { } code && Bases.TryGetValue(code, out var b) ? b : null;
        if (basis is null)
        {
            errors.Add("basis", ReportingTexts.Claim_BasisUnknown);
        }
        if (body.Amount is not { } amount || amount <= 0 || amount > grant.AmountGranted)
        {
            errors.Add("amount", Format.Text(ReportingTexts.Claim_AmountRange, Format.Nok(grant.AmountGranted)));
        }
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", ReportingTexts.Claim_ReasonRequired);
        }
        else if (reason.Length > RepaymentClaim.MaxReasonLength)
        {
            errors.Add("reason", Format.Text(ReportingTexts.Review_ReasonTooLong, RepaymentClaim.MaxReasonLength));
        }
        if (body.DueDate is not { } due || due <= NorwayTime.DateOf(now) || due > NorwayTime.DateOf(now).AddYears(2))
        {
            errors.Add("dueDate", ReportingTexts.Claim_DueDate);
        }
        if (body.ChapterPost is not { } chapter || !ChapterPostPattern().IsMatch(chapter))
        {
            errors.Add("chapterPost", ReportingTexts.Claim_ChapterPost);
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        var claimed = await db.RepaymentClaims.Where(c => c.GrantDecisionId == grant.Id).SumAsync(c => (long?)c.Amount, ct) ?? 0;
        if (claimed + body.Amount!.Value > grant.AmountGranted)
        {
            throw new RuleViolationException(Format.Text(ReportingTexts.Claim_OverGrant, Format.Nok(claimed), Format.Nok(grant.AmountGranted)), "claims-exceed-grant");
        }
        var claim = RepaymentClaim.Propose(grant, basis!.Value, body.Amount.Value, reason!, body.DueDate!.Value, body.ChapterPost!,
            body.OffsetAgainstNextGrant ?? false, me.Actor, now);
        db.RepaymentClaims.Add(claim);
        AuditTrail.Record(db, me, now, "claim.proposed", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            after: new { claim.Id, basis = body.Basis, claim.Amount, claim.Reason, claim.DueDate, claim.ChapterPost, claim.OffsetAgainstNextGrant });
        await db.SaveChangesAsync(ct);
        return (claim, errors);
    }
}
