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

/// <param name="Basis">missing-report, late-report, unused-funds or finding.</param>
/// <param name="ChapterPost">The budget chapter and post, "0761.21".</param>
public sealed record RepaymentClaimRequest(string? Basis, long? Amount, string? Reason, DateOnly? DueDate, string? ChapterPost, bool? OffsetAgainstNextGrant);

public sealed record ClaimStepRequest(int? Version, DateOnly? PaidOn);

/// <param name="OffsetAmount">Whole kroner deducted from later payments so far (offset against the next grant).</param>
/// <param name="Remaining">What is still owed.</param>
/// <param name="SettledByOffset">True when deductions from later payments settled the claim; <c>PaidOn</c> is then the payment's date.</param>
/// <param name="OffsetPaymentReference">The reference of the payment that settled the claim.</param>
/// <param name="Offsets">Each deduction: the payment's reference, the amount and the payment date.</param>
public sealed record RepaymentClaimDto(
    Guid Id, Guid GrantId, string Basis, long Amount, string Reason, DateOnly DueDate, string ChapterPost, bool OffsetAgainstNextGrant,
    ClaimStatus Status, int Version, string ProposedBy, string? IssuedBy, DateTimeOffset? IssuedAt, string? LetterSha256, string? LetterUrl, DateOnly? PaidOn,
    long OffsetAmount, long Remaining, bool SettledByOffset, string? OffsetPaymentReference, IReadOnlyList<ClaimOffsetDto> Offsets)
{
    internal static RepaymentClaimDto Of(RepaymentClaim c, IEnumerable<ClaimOffset>? offsets = null) => new(
        c.Id, c.GrantDecisionId, ClaimRepayment.Code(c.Basis), c.Amount, c.Reason, c.DueDate, c.ChapterPost, c.OffsetAgainstNextGrant, c.Status, c.Version,
        c.ProposedByName, c.IssuedByName, c.IssuedAt, c.LetterSha256,
        c.Status == ClaimStatus.Proposed ? null : $"/api/v1/grants/{c.GrantDecisionId}/repayment-claims/{c.Id}/letter.pdf", c.PaidOn,
        c.OffsetAmount, c.Remaining, c.SettledByOffset, c.OffsetPaymentReference,
        (offsets ?? []).Where(o => o.RepaymentClaimId == c.Id).OrderBy(o => o.RecordedAt).Select(o => new ClaimOffsetDto(o.PaymentReference, o.Amount, o.OffsetOn)).ToList());
}

/// <summary>Part of a claim deducted from a later payment to the same organisation.</summary>
public sealed record ClaimOffsetDto(string PaymentReference, long Amount, DateOnly OffsetOn);

/// <summary>
/// A claim to pay back (part of) a grant, from a missing or late report, unused funds not transferred, or a finding: a case
/// officer proposes it with amount, reason, due date and budget chapter/post (or offset against the next grant); another person
/// issues it with a letter (PDF/A) to the applicant; the embete marks it paid with the date, or, offset against the next grant,
/// the payment file deducts it from the organisation's next payment and settles it (Payments/ExportPaymentFile/OffsetClaims).
/// The applicant sees a claim once it is issued. Every step is audited; nobody with a declared conflict takes part.
/// </summary>
internal static partial class ClaimRepayment
{
    private static readonly Dictionary<string, RepaymentBasis> Bases = new(StringComparer.Ordinal)
    {
        ["missing-report"] = RepaymentBasis.MissingReport,
        ["late-report"] = RepaymentBasis.LateReport,
        ["unused-funds"] = RepaymentBasis.UnusedFunds,
        ["finding"] = RepaymentBasis.Finding,
    };

    public static string Code(RepaymentBasis basis) => Bases.Single(b => b.Value == basis).Key;

    [GeneratedRegex(@"^\d{4}\.\d{2}$")]
    private static partial Regex ChapterPostPattern();

    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapPost("/repayment-claims", ProposeAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Foreslå et krav om tilbakebetaling (saksbehandler): grunnlag, beløp, begrunnelse, betalingsfrist, kapittel/post, eller motregning i neste tilskudd. En annen person utsteder kravet.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapGet("/repayment-claims", ListAsync)
            .RequireAuthorization()
            .WithSummary("Kravene om tilbakebetaling for tilskuddet. Søkeren ser kravene som er utstedt.");
        grant.MapPost("/repayment-claims/{claimId:guid}/issue", IssueAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Utsted et foreslått krav (fire øyne: ikke den som foreslo det). Gir kravbrev som PDF/A og e-post til søkeren.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapPost("/repayment-claims/{claimId:guid}/paid", PaidAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Merk et utstedt krav som betalt (eller motregnet), med dato.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapGet("/repayment-claims/{claimId:guid}/letter.pdf", LetterAsync)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .RequireAuthorization()
            .WithSummary("Kravbrevet som PDF/A. For søkeren og embetet, når kravet er utstedt.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    internal static async Task<Ok<List<RepaymentClaimDto>>> ListAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var claims = db.RepaymentClaims.AsNoTracking().Where(c => c.GrantDecisionId == grant.Id);
        if (!me.IsEmbeteStaff)
        {
            claims = claims.Where(c => c.Status != ClaimStatus.Proposed);
        }
        var list = await claims.OrderBy(c => c.ProposedAt).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        var offsets = await db.ClaimOffsets.AsNoTracking().Where(o => ids.Contains(o.RepaymentClaimId)).ToListAsync(ct);
        return TypedResults.Ok(list.Select(c => RepaymentClaimDto.Of(c, offsets)).ToList());
    }

    internal static async Task<FileContentHttpResult> LetterAsync(AppDbContext db, CurrentUser me, Guid id, Guid claimId, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var claim = await db.RepaymentClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == claimId && c.GrantDecisionId == grant.Id, ct);
        if (claim?.LetterPdf is not { } pdf)
        {
            throw new NotFoundException(ReportingTexts.Claim_NotFound);
        }
        return TypedResults.File(pdf, "application/pdf", $"{grant.CaseReference}-krav.pdf");
    }

    private static async Task<(Domain.Decisions.GrantDecision Grant, RepaymentClaim Claim)> LoadAsync(AppDbContext db, CurrentUser me, Guid grantId, Guid claimId, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, grantId, ct);
        var claim = await db.RepaymentClaims.SingleOrDefaultAsync(c => c.Id == claimId && c.GrantDecisionId == grant.Id, ct)
            ?? throw new NotFoundException(ReportingTexts.Claim_NotFound);
        return (grant, claim);
    }

    private static void EnsureVersion(RepaymentClaim claim, int version)
    {
        if (claim.Version != version)
        {
            throw new RuleViolationException(ReportingTexts.Review_VersionConflict, "version-conflict");
        }
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        if (!await ReportAccess.SaveGuardedAsync(db, ct))
        {
            throw new RuleViolationException(ReportingTexts.Review_VersionConflict, "version-conflict");
        }
    }
}
