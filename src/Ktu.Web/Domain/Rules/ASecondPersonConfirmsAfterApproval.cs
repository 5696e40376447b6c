namespace Ktu.Web.Domain.Rules;

/// <summary>
/// After approval, marking a grant paid and issuing a corrected letter take two people (issue 16): one proposes it, and
/// a leader (approver) of the embete other than the proposer confirms it; nobody with a declared conflict on the
/// application takes part. A proposal is withdrawn by its proposer or refused by a leader; until confirmed, nothing
/// takes effect.
/// </summary>
public static class ASecondPersonConfirmsAfterApproval
{
    public enum Verdict
    {
        Allowed,
        /// <summary>The proposal is no longer pending (confirmed or cancelled already).</summary>
        NotPending,
        /// <summary>The person has declared a conflict on the application.</summary>
        Conflicted,
        /// <summary>The proposer confirming their own proposal.</summary>
        OwnProposal,
        /// <summary>Only a leader (approver) confirms or refuses another person's proposal.</summary>
        NotALeader,
    }

    /// <summary>Whether <paramref name="userId"/> may confirm a proposal made by <paramref name="proposedByUserId"/>.</summary>
    public static Verdict MayConfirm(bool pending, string proposedByUserId, string userId, bool isLeader, bool conflicted) =>
        !pending ? Verdict.NotPending
        : conflicted ? Verdict.Conflicted
        : string.Equals(proposedByUserId, userId, StringComparison.Ordinal) ? Verdict.OwnProposal
        : !isLeader ? Verdict.NotALeader
        : Verdict.Allowed;

    /// <summary>Whether <paramref name="userId"/> may cancel it: the proposer withdraws their own, a leader refuses anyone's.</summary>
    public static Verdict MayCancel(bool pending, string proposedByUserId, string userId, bool isLeader, bool conflicted) =>
        !pending ? Verdict.NotPending
        : conflicted ? Verdict.Conflicted
        : string.Equals(proposedByUserId, userId, StringComparison.Ordinal) || isLeader ? Verdict.Allowed
        : Verdict.NotALeader;
}
