using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <param name="Status">pending, confirmed or cancelled.</param>
public sealed record LetterProposalDto(
    Guid ProposalId, Guid GrantId, string Status, string Reason, string ProposedBy, DateTimeOffset ProposedAt, string? ClosedBy, DateTimeOffset? ClosedAt)
{
    internal static LetterProposalDto Of(GrantProposal p) => new(
        p.Id, p.GrantDecisionId, p.Status.ToString().ToLowerInvariant(), p.Reason ?? "", p.ProposedByName, p.ProposedAt, p.ClosedByName, p.ClosedAt);
}

/// <summary>Which proposal a confirmation or cancellation is about, so nobody confirms another proposal than the one they saw.</summary>
public sealed record LetterProposalStep(Guid? ProposalId);

/// <summary>
/// What the three steps of a corrected letter share (<see cref="CorrectLetter"/> proposes, <see cref="ConfirmCorrection"/>
/// issues, <see cref="CancelCorrection"/> withdraws or refuses): the grant of one's own embete (404 otherwise), the proposal,
/// and the second-person rule (<see cref="ASecondPersonConfirmsAfterApproval"/>) turned into answers.
/// </summary>
internal static class LetterProposals
{
    public static async Task<GrantDecision> GrantAsync(AppDbContext db, CurrentUser me, Guid grantId, CancellationToken ct) =>
        await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == grantId && d.EmbeteId == me.StaffEmbeteId, ct)
        ?? throw new NotFoundException(LetterTexts.DecisionNotFound);

    public static Task<GrantProposal?> PendingAsync(AppDbContext db, Guid grantId, CancellationToken ct) =>
        db.GrantProposals.SingleOrDefaultAsync(p => p.GrantDecisionId == grantId && p.Kind == GrantProposalKind.CorrectLetter && p.Status == GrantProposalStatus.Pending, ct);

    public static async Task<GrantProposal> ProposalAsync(AppDbContext db, GrantDecision grant, Guid proposalId, CancellationToken ct) =>
        await db.GrantProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.GrantDecisionId == grant.Id && p.Kind == GrantProposalKind.CorrectLetter, ct)
        ?? throw new NotFoundException(LetterTexts.Proposal_NotFound);

    /// <summary>
    /// The proposal a confirmation or cancellation is about (404 if it is not this grant's), once <paramref name="step"/>
    /// (<see cref="ASecondPersonConfirmsAfterApproval.MayConfirm"/> or <see cref="ASecondPersonConfirmsAfterApproval.MayCancel"/>)
    /// lets the current user take that step on it; any other verdict is refused as <see cref="Enforce"/> says.
    /// </summary>
    public static async Task<GrantProposal> ProposalToDecideAsync(
        AppDbContext db, CurrentUser me, GrantDecision grant, Guid proposalId, Func<bool, string, string, bool, bool, ASecondPersonConfirmsAfterApproval.Verdict> step,
        CancellationToken ct)
    {
        var proposal = await ProposalAsync(db, grant, proposalId, ct);
        Enforce(step(proposal.IsPending, proposal.ProposedByUserId, me.Id ?? "", me.IsInRole(Roles.Approver), await db.HasDeclaredConflictAsync(grant.ApplicationId, me.Id, ct)), proposal);
        return proposal;
    }

    /// <summary>Throws the refusal for anything but <see cref="ASecondPersonConfirmsAfterApproval.Verdict.Allowed"/>.</summary>
    public static void Enforce(ASecondPersonConfirmsAfterApproval.Verdict verdict, GrantProposal proposal)
    {
        switch (verdict)
        {
            case ASecondPersonConfirmsAfterApproval.Verdict.Allowed:
                return;
            case ASecondPersonConfirmsAfterApproval.Verdict.NotPending:
                throw new RuleViolationException(Format.Text(
                    proposal.Status == GrantProposalStatus.Confirmed ? LetterTexts.Proposal_AlreadyConfirmed : LetterTexts.Proposal_AlreadyCancelled,
                    proposal.ClosedByName ?? ""), "proposal-closed");
            case ASecondPersonConfirmsAfterApproval.Verdict.Conflicted:
                throw new RuleViolationException(LetterTexts.Proposal_Conflicted, "conflict-declared");
            case ASecondPersonConfirmsAfterApproval.Verdict.OwnProposal:
                throw new RuleViolationException(LetterTexts.Proposal_OwnProposal, "four-eyes");
            default:
                throw new ForbiddenException(LetterTexts.Proposal_LeaderOnly);
        }
    }
}
