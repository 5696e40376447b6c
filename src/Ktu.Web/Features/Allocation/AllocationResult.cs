namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The proposal: lines in the order they were given, the total, the money left in the pot
/// (including earmarked money nobody could use), and the use of each earmark ordered by theme.
/// </summary>
internal sealed record AllocationResult(
    IReadOnlyList<ProposedLine> Lines,
    long TotalProposed,
    long Unallocated,
    IReadOnlyList<EarmarkUse> Earmarks);
