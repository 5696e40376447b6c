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

/// <summary>Another person than the proposer issues the claim: the letter is made and the applicant told.</summary>
internal static partial class ClaimRepayment
{
    internal static async Task<Results<Ok<RepaymentClaimDto>, ValidationProblem>> IssueAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid claimId, [FromBody] ClaimStepRequest? body, CancellationToken ct)
    {
        await LoadAsync(db, me, id, claimId, ct);
        if (body?.Version is not { } version)
        {
            return FieldErrors.Of("version", ReportingTexts.Shape_VersionMissing).ToValidationProblem();
        }
        return TypedResults.Ok(RepaymentClaimDto.Of(await IssueClaimAsync(db, me, time, id, claimId, version, ct)));
    }

    public static async Task<RepaymentClaim> IssueClaimAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid claimId, int version, CancellationToken ct)
    {
        var (grant, claim) = await LoadAsync(db, me, id, claimId, ct);
        EnsureVersion(claim, version);
        if (claim.Status != ClaimStatus.Proposed)
        {
            throw new RuleViolationException(ReportingTexts.Claim_NotProposed, "claim-not-proposed");
        }
        if (claim.ProposedByUserId == me.Id)
        {
            throw new RuleViolationException(ReportingTexts.Claim_OwnProposal, "four-eyes");
        }
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        var now = time.GetUtcNow();
        var embeteName = await db.Embeter.Where(e => e.Id == grant.EmbeteId).Select(e => e.NameBokmal).SingleAsync(ct);
        var payee = (await db.CurrentPayeesAsync([grant.Id], ct)).GetValueOrDefault(grant.Id);
        claim.Issue(me.Actor, now, c => FollowUpLetterPdf.Claim(c, grant, embeteName, payee));
        AuditTrail.Record(db, me, now, "claim.issued", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            after: new { claim.Id, claim.Amount, claim.LetterSha256 });
        var to = await db.ApplicationSubmissions.AsNoTracking().Where(s => s.ApplicationId == grant.ApplicationId)
            .OrderByDescending(s => s.Number).Select(s => s.SubmittedByEmail).FirstOrDefaultAsync(ct);
        if (to is not null)
        {
            db.OutboxMessages.Add(OutboxMessage.Email(to, Format.Text(ReportingTexts.Email_Claim_Subject, grant.CaseReference),
                Format.Text(ReportingTexts.Email_Claim_Body, Format.Nok(claim.Amount), grant.SchemeYear, Format.Date(claim.DueDate)), now));
        }
        await SaveAsync(db, ct);
        return claim;
    }
}
