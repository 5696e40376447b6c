using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>The reason a case officer reads for a line: what it got and why, in plain Norwegian.</summary>
internal static class AllocationReasons
{
    public static string For(LineOutcome outcome, AllocationLine line, long proposed, long fromEarmark, string? themeName, AllocationSettings settings)
    {
        var text = outcome switch
        {
            LineOutcome.NotFundedScoreZero => AllocationTexts.Get("Reason_ScoreZero"),
            LineOutcome.NothingAppliedFor => AllocationTexts.Get("Reason_NothingApplied"),
            LineOutcome.NotFundedBelowMinimum => AllocationTexts.Format("Reason_BelowMinimum", Format.Nok(settings.MinimumAmount)),
            LineOutcome.FundedInFull when fromEarmark == proposed && fromEarmark > 0 => AllocationTexts.Format("Reason_FullFromEarmark", themeName ?? ""),
            LineOutcome.FundedInFull when fromEarmark > 0 => AllocationTexts.Format("Reason_FullPartlyEarmark", Format.Nok(fromEarmark), themeName ?? ""),
            LineOutcome.FundedInFull => AllocationTexts.Get("Reason_Full"),
            LineOutcome.ReducedByPriority => AllocationTexts.Format("Reason_Reduced" + PriorityRule(line), Percent(proposed, line.AmountApplied)),
            LineOutcome.NotFundedByPriority => AllocationTexts.Get("Reason_NotFunded" + PriorityRule(line)),
            LineOutcome.ReducedByShortfall => AllocationTexts.Format("Reason_ReducedShortfall", Percent(proposed, line.AmountApplied)),
            _ => AllocationTexts.Get("Reason_NotFundedShortfall"),
        };
        var reduced = outcome is LineOutcome.ReducedByPriority or LineOutcome.ReducedByShortfall;
        return reduced && fromEarmark > 0
            ? text + " " + AllocationTexts.Format("Reason_EarmarkPart", Format.Nok(fromEarmark), themeName ?? "")
            : text;
    }

    /// <summary>Which rule put the line behind others in its chain.</summary>
    private static string PriorityRule(AllocationLine line) => line.Kind == LineKind.Bpa
        ? (line.BpaRole == BpaRole.Caseworker ? "Caseworkers" : "Assistants")
        : "Continuations";

    private static string Percent(long proposed, long applied)
    {
        var percent = (long)((Int128)proposed * 100 / applied);
        return percent == 0 ? AllocationTexts.Get("PercentBelowOne") : AllocationTexts.Format("Percent", percent);
    }
}
