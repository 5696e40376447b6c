using Ktu.Web.Domain.Rules;
using static Ktu.Web.Domain.Rules.ASecondPersonConfirmsAfterApproval;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class ASecondPersonConfirmsAfterApprovalTests
{
    private const string Proposer = "officer";
    private const string Leader = "leader";

    [Fact]
    public void Another_leader_without_a_conflict_confirms() =>
        Assert.Equal(Verdict.Allowed, MayConfirm(pending: true, Proposer, Leader, isLeader: true, conflicted: false));

    [Fact]
    public void The_proposer_cannot_confirm_their_own_proposal_even_as_a_leader() =>
        Assert.Equal(Verdict.OwnProposal, MayConfirm(pending: true, Leader, Leader, isLeader: true, conflicted: false));

    [Fact]
    public void A_case_officer_cannot_confirm_another_persons_proposal() =>
        Assert.Equal(Verdict.NotALeader, MayConfirm(pending: true, Proposer, "officer2", isLeader: false, conflicted: false));

    [Fact]
    public void A_leader_with_a_declared_conflict_cannot_confirm() =>
        Assert.Equal(Verdict.Conflicted, MayConfirm(pending: true, Proposer, Leader, isLeader: true, conflicted: true));

    [Fact]
    public void A_proposal_already_decided_is_not_confirmed_again() =>
        Assert.Equal(Verdict.NotPending, MayConfirm(pending: false, Proposer, Leader, isLeader: true, conflicted: false));

    [Theory]
    [InlineData(Proposer, false, Verdict.Allowed)]
    [InlineData(Leader, true, Verdict.Allowed)]
    [InlineData("officer2", false, Verdict.NotALeader)]
    public void The_proposer_withdraws_and_a_leader_refuses_but_nobody_else_cancels(string who, bool isLeader, Verdict expected) =>
        Assert.Equal(expected, MayCancel(pending: true, Proposer, who, isLeader, conflicted: false));

    [Fact]
    public void Nobody_with_a_conflict_cancels_and_a_decided_proposal_stays_decided()
    {
        Assert.Equal(Verdict.Conflicted, MayCancel(pending: true, Proposer, Proposer, isLeader: false, conflicted: true));
        Assert.Equal(Verdict.NotPending, MayCancel(pending: false, Proposer, Proposer, isLeader: false, conflicted: false));
    }
}
