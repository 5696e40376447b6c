namespace Ktu.Web.Features.Allocation;

/// <summary>What happened to a line, for filters and for reading the reason without parsing text.</summary>
internal enum LineOutcome
{
    FundedInFull = 1,
    NothingAppliedFor = 2,
    ReducedByShortfall = 3,
    ReducedByPriority = 4,
    NotFundedScoreZero = 5,
    NotFundedByShortfall = 6,
    NotFundedByPriority = 7,
    NotFundedBelowMinimum = 8,
}
