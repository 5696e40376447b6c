namespace Ktu.Web.Features.Allocation;

/// <summary>The proposal for one line: the amount, how much of it is earmarked money, and why, in Norwegian.</summary>
internal sealed record ProposedLine(
    string Id,
    long AmountApplied,
    long AmountProposed,
    long FromEarmark,
    LineOutcome Outcome,
    string Reason);
