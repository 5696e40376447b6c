using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The shortfall case of <see cref="AllocationProposal"/>: earmarks first, then general money, then the
/// minimum amount (<see cref="NoTokenSums"/>), which sets some lines to 0 and shares again without them.
/// </summary>
internal static class ShortfallSharing
{
    public static void Share(long general, EarmarkedAmount[] marks, LineWork[] work, AllocationSettings settings)
    {
        while (true)
        {
            ShareOnce(general, marks, work, settings);
            if (Below(work, settings).Count == 0)
            {
                break;
            }
            SetTheLowestToZero(ShortOfTheirMinimum(work, settings.MinimumAmount), settings.MinimumAmount);
        }
        GiveBackWhatFits(general, marks, work, settings);
    }

    /// <summary>Earmarks among the lines of their theme, then general money among all lines for what the earmarks did not cover.</summary>
    private static void ShareOnce(long general, EarmarkedAmount[] marks, LineWork[] work, AllocationSettings settings)
    {
        foreach (var w in work)
        {
            w.FromEarmark = 0;
            w.FromGeneral = 0;
        }
        foreach (var mark in marks)
        {
            var claimants = work.Where(w => w.Eligible && w.EarmarkTheme == mark.Theme).Select(w => new Claimant(w, w.Applied)).ToArray();
            var shares = ChainedSharing.Share(mark.Amount, claimants, settings.RoundingUnit);
            for (var i = 0; i < claimants.Length; i++)
            {
                claimants[i].Work.FromEarmark = shares[i];
            }
        }
        var rest = work.Where(w => w.Eligible && w.Applied > w.FromEarmark).Select(w => new Claimant(w, w.Applied - w.FromEarmark)).ToArray();
        var generalShares = ChainedSharing.Share(general, rest, settings.RoundingUnit);
        for (var i = 0; i < rest.Length; i++)
        {
            rest[i].Work.FromGeneral = generalShares[i];
        }
    }

    private static List<LineWork> Below(LineWork[] work, AllocationSettings settings) =>
        work.Where(w => w.Eligible && !w.Blocked && NoTokenSums.IsBelowMinimum(w.Total, w.Applied, settings)).ToList();

    /// <summary>
    /// The lines below their minimum, and with them the lines that got nothing although no higher rank in their chain
    /// stands before them: they compete for the same money, and leaving them out would let a line that got nothing
    /// outlast an equal line with a higher weight.
    /// </summary>
    private static List<LineWork> ShortOfTheirMinimum(LineWork[] work, long minimum)
    {
        var open = work.Where(w => w.Eligible && !w.Blocked && w.Total < w.Applied).ToList();
        var firstOpenRank = open
            .GroupBy(w => w.Chain.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(w => w.Chain.Rank), StringComparer.Ordinal);
        return open
            .Where(w => w.Total > 0 ? w.Total < Least(w, minimum) : w.Chain.Rank == firstOpenRank[w.Chain.Key])
            .ToList();
    }

    /// <summary>What a line must get to be more than a token sum: the minimum, or all it applied for if that is less.</summary>
    private static long Least(LineWork w, long minimum) => Math.Min(minimum, w.Applied);

    /// <summary>
    /// Sets the lowest-priority lines below the minimum to 0: lower weight first, then lower rank in the chain, then the
    /// line furthest from its minimum, then by id. Setting a line to 0 only moves its money to others, so the lines now
    /// below will together get about what they have now; as many as cannot reach their minimum with that money go at once
    /// (at least one), which gives the same result as one at a time without a round per line.
    /// </summary>
    private static void SetTheLowestToZero(List<LineWork> below, long minimum)
    {
        var money = below.Sum(w => w.Total);
        var canStay = 0;
        foreach (var least in below.Select(w => Least(w, minimum)).Order())
        {
            if (least > money)
            {
                break;
            }
            money -= least;
            canStay++;
        }
        var mustGo = Math.Max(1, below.Count - canStay);
        foreach (var w in below
            .OrderBy(w => w.Weight)
            .ThenByDescending(w => w.Chain.Rank)
            .ThenByDescending(w => Least(w, minimum) - w.Total)
            .ThenByDescending(w => w.Line.Id, StringComparer.Ordinal)
            .Take(mustGo))
        {
            w.Blocked = true;
        }
    }

    /// <summary>
    /// Money no line could take without a token sum may still fund a line set to 0 earlier (a small line that can now be
    /// funded in full). Such lines are tried in order of priority and kept when no line falls below the minimum.
    /// </summary>
    private static void GiveBackWhatFits(long general, EarmarkedAmount[] marks, LineWork[] work, AllocationSettings settings)
    {
        var blocked = work.Where(w => w.Blocked)
            .OrderByDescending(w => w.Weight)
            .ThenBy(w => w.Chain.Rank)
            .ThenBy(w => Least(w, settings.MinimumAmount))
            .ThenBy(w => w.Line.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var candidate in blocked)
        {
            var available = general - work.Sum(w => w.FromGeneral);
            if (candidate.EarmarkTheme is { } theme)
            {
                available += marks.Single(m => m.Theme == theme).Amount - work.Where(w => w.EarmarkTheme == theme).Sum(w => w.FromEarmark);
            }
            if (Least(candidate, settings.MinimumAmount) > available)
            {
                continue;
            }
            var before = work.Select(w => (w.FromEarmark, w.FromGeneral)).ToArray();
            candidate.Blocked = false;
            ShareOnce(general, marks, work, settings);
            if (Below(work, settings).Count > 0)
            {
                candidate.Blocked = true;
                for (var i = 0; i < work.Length; i++)
                {
                    (work[i].FromEarmark, work[i].FromGeneral) = before[i];
                }
            }
        }
    }
}
