using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Letters;

/// <summary>What a proposal after approval asks for.</summary>
public enum GrantProposalKind
{
    /// <summary>Mark the grant paid on <see cref="GrantProposal.PaidOn"/>.</summary>
    MarkPaid = 1,
    /// <summary>Issue a corrected letter with <see cref="GrantProposal.Reason"/>.</summary>
    CorrectLetter = 2,
}

public enum GrantProposalStatus
{
    Pending = 0,
    Confirmed = 1,
    Cancelled = 2,
}

/// <summary>
/// A change to a grant after approval that one person proposes and a second confirms
/// (<see cref="Rules.ASecondPersonConfirmsAfterApproval"/>): until <see cref="Confirm"/>, the grant is not paid and no
/// corrected letter exists. At most one pending proposal of each kind per grant (a unique index). <see cref="Version"/>
/// is the concurrency token, so two people deciding at once cannot both win.
/// </summary>
public sealed class GrantProposal
{
    private GrantProposal()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public GrantProposalKind Kind { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? Reason { get; private set; }
    public GrantProposalStatus Status { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    public string ProposedByUserId { get; private set; } = "";
    public string ProposedByName { get; private set; } = "";
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedByUserId { get; private set; }
    public string? ClosedByName { get; private set; }

    public bool IsPending => Status == GrantProposalStatus.Pending;

    public static GrantProposal MarkPaid(Decisions.GrantDecision grant, DateOnly paidOn, Actor by, DateTimeOffset now) =>
        New(grant, GrantProposalKind.MarkPaid, paidOn, null, by, now);

    public static GrantProposal CorrectLetter(Decisions.GrantDecision grant, string reason, Actor by, DateTimeOffset now) =>
        New(grant, GrantProposalKind.CorrectLetter, null, reason.Trim(), by, now);

    public void Confirm(Actor by, DateTimeOffset now) => Close(GrantProposalStatus.Confirmed, by, now);

    public void Cancel(Actor by, DateTimeOffset now) => Close(GrantProposalStatus.Cancelled, by, now);

    private void Close(GrantProposalStatus status, Actor by, DateTimeOffset now)
    {
        if (!IsPending)
        {
            throw new InvalidOperationException("The proposal is not pending.");
        }
        Status = status;
        ClosedAt = now;
        ClosedByUserId = by.UserId;
        ClosedByName = by.DisplayName;
        Version++;
    }

    private static GrantProposal New(Decisions.GrantDecision grant, GrantProposalKind kind, DateOnly? paidOn, string? reason, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        GrantDecisionId = grant.Id,
        ApplicationId = grant.ApplicationId,
        OrganisationId = grant.OrganisationId,
        EmbeteId = grant.EmbeteId,
        SchemeYear = grant.SchemeYear,
        Kind = kind,
        PaidOn = paidOn,
        Reason = reason,
        Status = GrantProposalStatus.Pending,
        Version = 1,
        ProposedAt = now,
        ProposedByUserId = by.UserId,
        ProposedByName = by.DisplayName,
    };
}
