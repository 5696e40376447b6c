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

public sealed record RepaymentClaimDto(
    Guid Id, Guid GrantId, string Basis, long Amount, string Reason, DateOnly DueDate, string ChapterPost, bool OffsetAgainstNextGrant,
    ClaimStatus Status, int Version, string ProposedBy, string? IssuedBy, DateTimeOffset? IssuedAt, string? LetterSha256, string? LetterUrl, DateOnly? PaidOn)
{
    internal static RepaymentClaimDto Of(RepaymentClaim c) => new(
        c.Id, c.GrantDecisionId, ClaimRepayment.Code(c.Basis), c.Amount, c.Reason, c.DueDate, c.ChapterPost, c.OffsetAgainstNextGrant, c.Status, c.Version,
        c.ProposedByName, c.IssuedByName, c.IssuedAt, c.LetterSha256,
        c.Status == ClaimStatus.Proposed ? null : $"/api/v1/grants/{c.GrantDecisionId}/repayment-claims/{c.Id}/letter.pdf", c.PaidOn);
}

/// <summary>
/// A claim to pay back (part of) a grant, from a missing or late report, unused funds not transferred, or a finding: a case
/// officer proposes it with amount, reason, due date and budget chapter/post (or offset against the next grant); another person
/// issues it with a letter (PDF/A) to the applicant; the embete marks it paid with the date. The applicant sees a claim once it
/// is issued. Every step is audited; nobody with a declared conflict takes part.
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
            .RequireAuthorization()
            .WithSummary("Kravbrevet som PDF/A. For søkeren og embetet, når kravet er utstedt.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

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

    internal static async Task<Ok<List<RepaymentClaimDto>>> ListAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var claims = db.RepaymentClaims.AsNoTracking().Where(c => c.GrantDecisionId == grant.Id);
        if (!me.IsEmbeteStaff)
        {
            claims = claims.Where(c => c.Status != ClaimStatus.Proposed);
        }
        return TypedResults.Ok((await claims.OrderBy(c => c.ProposedAt).ToListAsync(ct)).Select(RepaymentClaimDto.Of).ToList());
    }

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
        claim.Issue(me.Actor, now, c => FollowUpLetterPdf.Claim(c, grant, embeteName));
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
