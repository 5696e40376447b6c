using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>The reason a case officer reads for a line: what it got and why, in plain Norwegian.</summary>
internal static class AllocationReasons
{
    public static string For(LineOutcome outcome, AllocationLine line, long proposed, long fromEarmark, string? themeName, AllocationSettings settings)
    {
        var text = outcome switch
        {
            LineOutcome.NotFundedScoreZero => AllocationTexts.Reason_ScoreZero,
            LineOutcome.NothingAppliedFor => AllocationTexts.Reason_NothingApplied,
            LineOutcome.NotFundedBelowMinimum => Format.Text(AllocationTexts.Reason_BelowMinimum, Format.Nok(settings.MinimumAmount)),
            LineOutcome.FundedInFull when fromEarmark == proposed && fromEarmark > 0 => Format.Text(AllocationTexts.Reason_FullFromEarmark, themeName ?? ""),
            LineOutcome.FundedInFull when fromEarmark > 0 => Format.Text(AllocationTexts.Reason_FullPartlyEarmark, Format.Nok(fromEarmark), themeName ?? ""),
            LineOutcome.FundedInFull => AllocationTexts.Reason_Full,
            LineOutcome.ReducedByPriority => Format.Text(ReducedByPriority(line), Percent(proposed, line.AmountApplied)),
            LineOutcome.NotFundedByPriority => NotFundedByPriority(line),
            LineOutcome.ReducedByShortfall => Format.Text(AllocationTexts.Reason_ReducedShortfall, Percent(proposed, line.AmountApplied)),
            _ => AllocationTexts.Reason_NotFundedShortfall,
        };
        var reduced = outcome is LineOutcome.ReducedByPriority or LineOutcome.ReducedByShortfall;
        return reduced && fromEarmark > 0
            ? text + " " + Format.Text(AllocationTexts.Reason_EarmarkPart, Format.Nok(fromEarmark), themeName ?? "")
            : text;
    }

    /// <summary>Reduced, naming the rule that put the line behind others in its chain.</summary>
    private static string ReducedByPriority(AllocationLine line) => line.Kind == LineKind.Bpa
        ? (line.BpaRole == BpaRole.Caseworker ? AllocationTexts.Reason_ReducedCaseworkers : AllocationTexts.Reason_ReducedAssistants)
        : AllocationTexts.Reason_ReducedContinuations;

    /// <summary>Not funded, naming the rule that put the line behind others in its chain.</summary>
    private static string NotFundedByPriority(AllocationLine line) => line.Kind == LineKind.Bpa
        ? (line.BpaRole == BpaRole.Caseworker ? AllocationTexts.Reason_NotFundedCaseworkers : AllocationTexts.Reason_NotFundedAssistants)
        : AllocationTexts.Reason_NotFundedContinuations;

    private static string Percent(long proposed, long applied)
    {
        var percent = (long)((Int128)proposed * 100 / applied);
        return percent == 0 ? AllocationTexts.PercentBelowOne : Format.Text(AllocationTexts.Percent, percent);
    }
}
