namespace Ktu.Web.Features.Allocation;

/// <summary>A line's claim on one budget: all it applied for, or what an earmark left of it.</summary>
internal readonly record struct Claimant(LineWork Work, long Cap);

/// <summary>
/// Shares one budget (an earmark, or the general money) among claimants by weight and priority chain,
/// in whole rounding units. See <see cref="AllocationProposal"/> for the rules in words.
/// </summary>
internal static class ChainedSharing
{
    /// <summary>The amount per claimant (same order). Never above its cap; the sum never above the budget.</summary>
    public static long[] Share(long budget, IReadOnlyList<Claimant> claimants, long unit)
    {
        var n = claimants.Count;
        var chainIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var chainOf = new int[n];
        var chainCaps = new List<long>();
        var claims = new Claim[n];
        for (var i = 0; i < n; i++)
        {
            var c = claimants[i];
            if (!chainIndex.TryGetValue(c.Work.Chain.Key, out var chain))
            {
                chain = chainCaps.Count;
                chainIndex.Add(c.Work.Chain.Key, chain);
                chainCaps.Add(0);
            }
            chainOf[i] = chain;
            // A line set to 0 still brings its own share to the chain's pool, but the pool cannot pay it.
            if (!c.Work.Blocked)
            {
                chainCaps[chain] += c.Cap;
            }
            claims[i] = new Claim(chain, c.Cap, (Int128)c.Work.Weight * c.Cap);
        }

        var pools = WaterFilling.ShareByGroup(budget, claims, chainCaps);
        var exact = SpendPoolsByRank(pools, claimants, claims, chainOf);

        var amount = new long[n];
        long handedOut = 0;
        for (var i = 0; i < n; i++)
        {
            amount[i] = exact[i] == claimants[i].Cap ? exact[i] : exact[i] - (exact[i] % unit);
            handedOut += amount[i];
        }
        HandOutWhatRoundingFreed(budget - handedOut, amount, exact, claimants, chainOf, unit);
        return amount;
    }

    /// <summary>Each chain's pool goes to rank 1 first, then rank 2, ...; within a rank by weight, capped at the claim.</summary>
    private static long[] SpendPoolsByRank(long[] pools, IReadOnlyList<Claimant> claimants, Claim[] claims, int[] chainOf)
    {
        var exact = new long[claimants.Count];
        var ranks = Enumerable.Range(0, claimants.Count)
            .Where(i => !claimants[i].Work.Blocked)
            .GroupBy(i => (Chain: chainOf[i], claimants[i].Work.Chain.Rank))
            .OrderBy(g => g.Key.Chain).ThenBy(g => g.Key.Rank);
        var left = (long[])pools.Clone();
        foreach (var rank in ranks)
        {
            var members = rank.ToArray();
            var chain = rank.Key.Chain;
            var need = members.Sum(i => claimants[i].Cap);
            if (left[chain] >= need)
            {
                foreach (var i in members)
                {
                    exact[i] = claimants[i].Cap;
                }
                left[chain] -= need;
            }
            else if (left[chain] > 0)
            {
                var shares = WaterFilling.ShareByClaim(left[chain], members.Select(i => claims[i]).ToArray());
                for (var k = 0; k < members.Length; k++)
                {
                    exact[members[k]] = shares[k];
                }
                left[chain] = 0;
            }
        }
        return exact;
    }

    /// <summary>
    /// Rounding down frees up to one unit per line. It is handed out again one unit at a time (or the rest of a
    /// claim, if smaller): first to the lines that lost most to rounding, then by weight, then by id — and only to
    /// lines whose higher ranks in the chain are already full, so rounding never breaks the priority order.
    /// </summary>
    private static void HandOutWhatRoundingFreed(long left, long[] amount, long[] exact, IReadOnlyList<Claimant> claimants, int[] chainOf, long unit)
    {
        var n = claimants.Count;
        var progress = true;
        while (left > 0 && progress)
        {
            progress = false;
            var openRank = new Dictionary<int, int>();
            for (var i = 0; i < n; i++)
            {
                if (!claimants[i].Work.Blocked && amount[i] < claimants[i].Cap)
                {
                    var rank = claimants[i].Work.Chain.Rank;
                    openRank[chainOf[i]] = openRank.TryGetValue(chainOf[i], out var r) ? Math.Min(r, rank) : rank;
                }
            }
            var candidates = Enumerable.Range(0, n)
                .Where(i => !claimants[i].Work.Blocked && amount[i] < claimants[i].Cap && claimants[i].Work.Chain.Rank == openRank[chainOf[i]])
                .OrderByDescending(i => exact[i] - amount[i])
                .ThenByDescending(i => claimants[i].Work.Weight)
                .ThenBy(i => claimants[i].Work.Line.Id, StringComparer.Ordinal)
                .ToArray();
            foreach (var i in candidates)
            {
                var step = Math.Min(unit, claimants[i].Cap - amount[i]);
                if (step <= left)
                {
                    amount[i] += step;
                    left -= step;
                    progress = true;
                }
            }
        }
    }
}
