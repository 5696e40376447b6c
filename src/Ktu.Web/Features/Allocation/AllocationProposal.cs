using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// Proposes an amount and a Norwegian reason for every line of an embete's applications. A pure,
/// deterministic function: the same pot, earmarks, lines and settings always give the same proposal,
/// whatever the order of the lines. The case officer decides; this is a starting point and a what-if tool.
/// <para>
/// <b>Eligible lines.</b> A line with score 0 or nothing applied for gets 0 and takes no part.
/// </para>
/// <para>
/// <b>Enough money.</b> When the general money (pot minus earmarks) covers everything that the earmarks do not,
/// that is general ≥ Σ applied − Σ over themes min(earmark, applied for by lines of the theme), every eligible line
/// is funded in full. Nothing is rounded then.
/// </para>
/// <para>
/// <b>Shortfall.</b> Otherwise money is shared in two steps.
/// (1) Earmarked money first: each earmark is shared among the eligible lines of its theme, and only among them.
/// (2) General money next, among all eligible lines, each claiming what its earmark did not cover.
/// A line of an earmarked theme therefore gets general money only when its earmark is used up
/// (less than one rounding unit left). Unused earmarked money stays earmarked and is reported as left.
/// </para>
/// <para>
/// Each step shares its budget the same way. Every line has a weight (<see cref="WeightFollowsScoreAndDistrict"/>)
/// and a place in a <see cref="PriorityChain"/>. At one common level λ, each line's own share is
/// min(claim, λ × weight × claim), with λ as high as the budget allows (water-filling, <see cref="WaterFilling"/>).
/// A chain's lines pool their own shares, and the pool goes strictly by rank: rank 1 in full first, then rank 2,
/// and so on; within a rank in proportion to weight × claim, capped at the claim. So continuations take the money
/// of their education type before new persons do, and BPA work leaders before caseworkers before assistants,
/// but priority never moves money from one chain to another.
/// </para>
/// <para>
/// Reduced amounts are rounded down to the rounding unit (default whole thousands); lines funded in full keep
/// their exact amount. What rounding frees is handed out again one unit at a time: first to the lines that lost
/// most to rounding, then by weight, then by id, and never past the chains' rank order.
/// </para>
/// <para>
/// No line is given a token sum (<see cref="NoTokenSums"/>). While some line would get a positive amount below its
/// minimum (the minimum amount, or what it applied for if that is less), lines short of their minimum are set to 0,
/// lowest priority first (lower weight, then lower rank, then further from the minimum, then id); as many at once as
/// cannot reach their minimum with the money they have between them. Then everything is shared again. A line set to 0
/// still brings its own share to its chain's pool, so the minimum never moves money out of an education type.
/// Last, lines set to 0 are tried again, highest priority first, and kept when nobody falls below the minimum
/// (a small line can often be funded in full from what is left). The total never exceeds the pot; what is not
/// proposed is reported as unallocated.
/// </para>
/// </summary>
internal static class AllocationProposal
{
    public static AllocationResult Compute(
        long pot,
        IReadOnlyList<EarmarkedAmount> earmarks,
        IReadOnlyList<AllocationLine> lines,
        AllocationSettings? settings = null)
    {
        settings ??= AllocationSettings.Default;
        AllocationInputGuard.Check(pot, earmarks, lines, settings);

        var marks = earmarks.OrderBy(e => e.Theme, StringComparer.Ordinal).ToArray();
        var earmarkedThemes = marks.Select(m => m.Theme).ToHashSet(StringComparer.Ordinal);
        // Sorted by id so that nothing, not even a tie, depends on the order the lines came in.
        var work = lines
            .Select(l => new LineWork(l, settings, l.Theme is { } t && earmarkedThemes.Contains(t) ? t : null))
            .OrderBy(w => w.Line.Id, StringComparer.Ordinal)
            .ToArray();
        var general = pot - marks.Sum(m => m.Amount);

        if (PotCoversEveryLine(general, marks, work))
        {
            FundEveryLineInFull(marks, work);
        }
        else
        {
            ShortfallSharing.Share(general, marks, work, settings);
        }

        return Describe(pot, marks, lines, work, settings);
    }

    private static bool PotCoversEveryLine(long general, EarmarkedAmount[] marks, LineWork[] work)
    {
        // At most 5000 lines of at most 10^12 kroner each: the sums fit in a long.
        var need = work.Where(w => w.Eligible).Sum(w => w.Applied);
        foreach (var mark in marks)
        {
            var appliedForTheme = work.Where(w => w.Eligible && w.EarmarkTheme == mark.Theme).Sum(w => w.Applied);
            need -= Math.Min(mark.Amount, appliedForTheme);
        }
        return general >= need;
    }

    private static void FundEveryLineInFull(EarmarkedAmount[] marks, LineWork[] work)
    {
        foreach (var mark in marks)
        {
            // Exact kroner, so the earmark is used to the last krone before general money.
            var claimants = work.Where(w => w.Eligible && w.EarmarkTheme == mark.Theme).Select(w => new Claimant(w, w.Applied)).ToArray();
            var shares = ChainedSharing.Share(mark.Amount, claimants, unit: 1);
            for (var i = 0; i < claimants.Length; i++)
            {
                claimants[i].Work.FromEarmark = shares[i];
            }
        }
        foreach (var w in work.Where(w => w.Eligible))
        {
            w.FromGeneral = w.Applied - w.FromEarmark;
        }
    }

    private static AllocationResult Describe(long pot, EarmarkedAmount[] marks, IReadOnlyList<AllocationLine> lines, LineWork[] work, AllocationSettings settings)
    {
        // The highest rank still in play per chain: a line below it lost money to priority, not only to the shortfall.
        var topRank = work.Where(w => w.Eligible && !w.Blocked)
            .GroupBy(w => w.Chain.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(w => w.Chain.Rank), StringComparer.Ordinal);
        var names = marks.ToDictionary(m => m.Theme, m => m.ThemeName ?? m.Theme, StringComparer.Ordinal);
        var byId = work.ToDictionary(w => w.Line.Id, StringComparer.Ordinal);

        var proposed = lines.Select(l =>
        {
            var w = byId[l.Id];
            var outcome = OutcomeOf(w, topRank);
            var themeName = w.EarmarkTheme is { } t ? names[t] : null;
            return new ProposedLine(l.Id, l.AmountApplied, w.Total, w.FromEarmark, outcome,
                AllocationReasons.For(outcome, l, w.Total, w.FromEarmark, themeName, settings));
        }).ToList();

        var uses = marks.Select(m =>
        {
            var used = work.Where(w => w.EarmarkTheme == m.Theme).Sum(w => w.FromEarmark);
            return new EarmarkUse(m.Theme, m.Amount, used, m.Amount - used);
        }).ToList();

        var total = work.Sum(w => w.Total);
        return new AllocationResult(proposed, total, pot - total, uses);
    }

    private static LineOutcome OutcomeOf(LineWork w, Dictionary<string, int> topRank)
    {
        if (w.Line.Score == 0)
        {
            return LineOutcome.NotFundedScoreZero;
        }
        if (w.Line.AmountApplied == 0)
        {
            return LineOutcome.NothingAppliedFor;
        }
        if (w.Blocked)
        {
            return LineOutcome.NotFundedBelowMinimum;
        }
        if (w.Total == w.Applied)
        {
            return LineOutcome.FundedInFull;
        }
        var byPriority = w.Chain.Rank > topRank[w.Chain.Key];
        return (w.Total == 0, byPriority) switch
        {
            (true, true) => LineOutcome.NotFundedByPriority,
            (true, false) => LineOutcome.NotFundedByShortfall,
            (false, true) => LineOutcome.ReducedByPriority,
            (false, false) => LineOutcome.ReducedByShortfall,
        };
    }
}

/// <summary>A line while the proposal is being worked out.</summary>
internal sealed class LineWork(AllocationLine line, AllocationSettings settings, string? earmarkTheme)
{
    public AllocationLine Line { get; } = line;
    public PriorityChain Chain { get; } = PriorityChain.Of(line);
    public long Weight { get; } = WeightFollowsScoreAndDistrict.Weight(line, settings);
    public bool Eligible { get; } = OnlyScoredLinesAreFunded.Applies(line);
    /// <summary>The line's theme when that theme has an earmark.</summary>
    public string? EarmarkTheme { get; } = earmarkTheme;
    /// <summary>Set to 0 under <see cref="NoTokenSums"/>: still counts in its chain's pool, but receives nothing.</summary>
    public bool Blocked { get; set; }
    public long FromEarmark { get; set; }
    public long FromGeneral { get; set; }
    public long Applied => Line.AmountApplied;
    public long Total => FromEarmark + FromGeneral;
}
