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

/// <summary>The embete marks an issued claim paid (or offset), with the date.</summary>
internal static partial class ClaimRepayment
{
    internal static async Task<Results<Ok<RepaymentClaimDto>, ValidationProblem>> PaidAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid claimId, [FromBody] ClaimStepRequest? body, CancellationToken ct)
    {
        var (claim, errors) = await MarkPaidAsync(db, me, time, id, claimId, body ?? new ClaimStepRequest(null, null), ct);
        return claim is null ? errors.ToValidationProblem() : TypedResults.Ok(RepaymentClaimDto.Of(claim));
    }

    public static async Task<(RepaymentClaim? Claim, FieldErrors Errors)> MarkPaidAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid claimId, ClaimStepRequest body, CancellationToken ct)
    {
        var (grant, claim) = await LoadAsync(db, me, id, claimId, ct);
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        if (body.Version is null)
        {
            errors.Add("version", ReportingTexts.Shape_VersionMissing);
        }
        if (body.PaidOn is not { } paidOn || paidOn > NorwayTime.DateOf(now) || claim.IssuedAt is { } issued && paidOn < NorwayTime.DateOf(issued).AddYears(-1))
        {
            errors.Add("paidOn", ReportingTexts.Claim_PaidOn);
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        EnsureVersion(claim, body.Version!.Value);
        if (claim.Status != ClaimStatus.Issued)
        {
            throw new RuleViolationException(ReportingTexts.Claim_NotIssued, "claim-not-issued");
        }
        claim.MarkPaid(body.PaidOn!.Value, me.Actor);
        AuditTrail.Record(db, me, now, "claim.paid", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            after: new { claim.Id, claim.Amount, claim.PaidOn });
        await SaveAsync(db, ct);
        return (claim, errors);
    }
}
