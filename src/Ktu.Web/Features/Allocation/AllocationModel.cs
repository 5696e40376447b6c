using Ktu.Web.Domain.Applications;
namespace Ktu.Web.Features.Allocation;

/// <summary>The three parts of an application a line can come from.</summary>
internal enum LineKind
{
    Competence = 1,
    Bpa = 2,
    Project = 3,
}

/// <summary>
/// One line to be funded: a competence measure for one education type (continuing or new persons),
/// one BPA role, or one service-development project. A municipality's application gives several lines.
/// </summary>
internal sealed record AllocationLine
{
    public required string Id { get; init; }
    public required string Applicant { get; init; }
    public required LineKind Kind { get; init; }
    /// <summary>Required for competence lines: continuations are ranked within one education type.</summary>
    public string? EducationType { get; init; }
    /// <summary>Required for BPA lines.</summary>
    public BpaRole? BpaRole { get; init; }
    /// <summary>Theme code; a line whose theme has an earmark draws on that earmark first.</summary>
    public string? Theme { get; init; }
    /// <summary>Persons already in an education path funded by the scheme. Only competence lines use it.</summary>
    public bool Continuation { get; init; }
    /// <summary>The applicant is a district municipality (see Domain.Rules.DistrictMunicipality).</summary>
    public bool District { get; init; }
    /// <summary>Whole kroner.</summary>
    public required long AmountApplied { get; init; }
    /// <summary>0–5 from the assessment; 0 means not to be funded.</summary>
    public required int Score { get; init; }
}

/// <summary>Money in the pot reserved for lines of one theme (2025: kr 415 000 of Trøndelag's pot for respite models).</summary>
internal sealed record EarmarkedAmount
{
    public required string Theme { get; init; }
    /// <summary>Whole kroner, part of the pot.</summary>
    public required long Amount { get; init; }
    /// <summary>The theme as users read it ("modeller for fleksible kommunale avlastningstilbud for pårørende"); the code when absent.</summary>
    public string? ThemeName { get; init; }
}

/// <summary>
/// The knobs of a proposal. The defaults are KTU's suggestion for a scheme year; a case officer can
/// change any of them for one what-if scenario. The priority order itself is not a knob: it is the
/// regelverk's (see <see cref="ContinuationsComeFirst"/> and <see cref="WorkLeadersBeforeCaseworkersBeforeAssistants"/>).
/// </summary>
internal sealed record AllocationSettings
{
    public static readonly AllocationSettings Default = new();

    /// <summary>Largest amount (pot, earmark, line) the computation accepts: kr 1 000 000 000 000.</summary>
    public const long MaxAmount = 1_000_000_000_000;
    public const int MaxWeight = 1_000;
    public const int MaxDistrictWeightPercent = 1_000;
    public const long MaxRoundingUnit = 1_000_000;

    /// <summary>
    /// Weight of scores 1, 2, 3, 4 and 5 (five values, 1–1000). In a shortfall a line's claim is
    /// its applied amount times its weight, so by default a line scored 5 keeps five times the share
    /// of its application that a line scored 1 keeps.
    /// </summary>
    public IReadOnlyList<int> ScoreWeights { get; init; } = [20, 40, 60, 80, 100];

    /// <summary>District municipalities' weight in per cent of the others' (100–1000); 125 weighs them up by a quarter.</summary>
    public int DistrictWeightPercent { get; init; } = 125;

    /// <summary>A line is not given a token sum: a reduced amount below this (whole kroner) becomes 0. 0 turns the rule off.</summary>
    public long MinimumAmount { get; init; } = 10_000;

    /// <summary>Reduced amounts are rounded down to whole multiples of this (whole kroner); 1 means no rounding.</summary>
    public long RoundingUnit { get; init; } = 1_000;

    public int WeightOf(int score) => score is >= 1 and <= 5 ? ScoreWeights[score - 1] : 0;
}

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

/// <summary>The proposal for one line: the amount, how much of it is earmarked money, and why, in Norwegian.</summary>
internal sealed record ProposedLine(
    string Id,
    long AmountApplied,
    long AmountProposed,
    long FromEarmark,
    LineOutcome Outcome,
    string Reason);

/// <summary>How much of an earmark the proposal uses. What is left stays earmarked: it is never given to other themes.</summary>
internal sealed record EarmarkUse(string Theme, long Amount, long Used, long Left);

/// <summary>
/// The proposal: lines in the order they were given, the total, the money left in the pot
/// (including earmarked money nobody could use), and the use of each earmark ordered by theme.
/// </summary>
internal sealed record AllocationResult(
    IReadOnlyList<ProposedLine> Lines,
    long TotalProposed,
    long Unallocated,
    IReadOnlyList<EarmarkUse> Earmarks);
