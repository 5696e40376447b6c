namespace Ktu.Web.Features.Allocation;

/// <summary>One claim on a budget: its group, the most it may get (whole kroner) and its weight in the sharing.</summary>
internal readonly record struct Claim(int Group, long Cap, Int128 Key);

/// <summary>
/// Proportional sharing with caps ("water-filling") in exact integer arithmetic. There is one level λ:
/// a claim gets min(cap, λ · key), a group gets min(groupCap, sum of its claims), and λ is as high as
/// the budget allows. Claims that reach their cap give the surplus back to the others. The result
/// does not depend on the order of the claims.
/// </summary>
internal static class WaterFilling
{
    /// <summary>
    /// The amount each group gets. Keys and caps must be positive; group caps may be 0. Each group's share is
    /// rounded down, so at most one krone per group is left over; the rest of the budget is used unless every
    /// claim or group is capped.
    /// </summary>
    public static long[] ShareByGroup(long budget, IReadOnlyList<Claim> claims, IReadOnlyList<long> groupCaps)
    {
        var groups = groupCaps.Count;
        // A group can never take more than its claims together.
        var ceiling = new Int128[groups];
        foreach (var c in claims)
        {
            ceiling[c.Group] += c.Cap;
        }
        for (var g = 0; g < groups; g++)
        {
            ceiling[g] = Int128.Min(ceiling[g], groupCaps[g]);
        }
        var claimCapped = new bool[claims.Count];
        var groupCapped = new bool[groups];
        var fixedInGroup = new Int128[groups];
        var result = new long[groups];
        Int128 left = budget;

        while (true)
        {
            // Level for this round: λ = left / total, with every claim not yet capped taking its proportional part.
            Int128 total = 0;
            var groupKey = new Int128[groups];
            for (var i = 0; i < claims.Count; i++)
            {
                var c = claims[i];
                if (!claimCapped[i] && !groupCapped[c.Group])
                {
                    total += c.Key;
                    groupKey[c.Group] += c.Key;
                }
            }
            if (total == 0)
            {
                break;
            }

            // The true level can only be higher than this round's, so whatever reaches its cap now stays capped.
            var level = left;
            var changed = false;
            for (var g = 0; g < groups; g++)
            {
                if (!groupCapped[g] && fixedInGroup[g] * total + level * groupKey[g] >= ceiling[g] * total)
                {
                    groupCapped[g] = true;
                    left -= ceiling[g] - fixedInGroup[g];
                    changed = true;
                }
            }
            for (var i = 0; i < claims.Count; i++)
            {
                var c = claims[i];
                if (!claimCapped[i] && !groupCapped[c.Group] && level * c.Key >= c.Cap * total)
                {
                    claimCapped[i] = true;
                    fixedInGroup[c.Group] += c.Cap;
                    left -= c.Cap;
                    changed = true;
                }
            }
            if (!changed)
            {
                for (var g = 0; g < groups; g++)
                {
                    if (!groupCapped[g])
                    {
                        fixedInGroup[g] += left * groupKey[g] / total;
                    }
                }
                break;
            }
        }

        for (var g = 0; g < groups; g++)
        {
            result[g] = (long)(groupCapped[g] ? ceiling[g] : fixedInGroup[g]);
        }
        return result;
    }

    /// <summary>Plain proportional sharing with caps: every claim is a group of its own. Claims' groups are ignored.</summary>
    public static long[] ShareByClaim(long budget, IReadOnlyList<Claim> claims)
    {
        var own = new Claim[claims.Count];
        var caps = new long[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            own[i] = claims[i] with { Group = i };
            caps[i] = claims[i].Cap;
        }
        return ShareByGroup(budget, own, caps);
    }
}
