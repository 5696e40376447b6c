using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Allocation;

namespace Ktu.UnitTests.Features.Allocation;

/// <summary>The sharing primitive under the proposal: one level, caps per claim and per group, whole kroner.</summary>
public sealed class WaterFillingTests
{
    [Fact]
    public void A_budget_is_shared_in_proportion_to_the_keys()
    {
        var shares = WaterFilling.ShareByClaim(90, [new(0, 100, 2), new(0, 100, 1)]);
        Assert.Equal([60, 30], shares);
    }

    [Fact]
    public void A_claim_that_reaches_its_cap_gives_the_surplus_to_the_others()
    {
        var shares = WaterFilling.ShareByClaim(100, [new(0, 10, 1), new(0, 1_000, 1)]);
        Assert.Equal([10, 90], shares);
    }

    [Fact]
    public void A_group_with_a_cap_below_its_claims_gives_the_surplus_to_other_groups()
    {
        // Half the budget would go to group 0, but it may receive only 20.
        var shares = WaterFilling.ShareByGroup(100, [new(0, 50, 50), new(0, 50, 50), new(1, 1_000, 100)], [20, 1_000]);
        Assert.Equal([20, 80], shares);
    }

    [Fact]
    public void Amounts_near_the_largest_allowed_do_not_overflow()
    {
        const long max = AllocationSettings.MaxAmount;
        var claims = Enumerable.Range(0, 5000).Select(i => new Claim(i % 7, max, (Int128)1_000_000 * max)).ToArray();
        var shares = WaterFilling.ShareByGroup(max, claims, Enumerable.Repeat(714 * max, 7).ToArray());
        Assert.InRange(shares.Sum(), max - 7, max);
    }

    private static Gen<(long Budget, Claim[] Claims, long[] GroupCaps)> Inputs =>
        from groups in Gen.Choose(1, 5)
        from count in Gen.Choose(0, 20)
        from claims in Gen.CollectToArray(Enumerable.Range(0, count), _ =>
            from g in Gen.Choose(0, groups - 1)
            from cap in Gen.Choose(1, 100_000)
            from weight in Gen.Choose(1, 500)
            select new Claim(g, cap, (Int128)weight * cap))
        from caps in Gen.CollectToArray(Enumerable.Range(0, groups), g =>
            Gen.Frequency(
                (2, Gen.Constant(claims.Where(c => c.Group == g).Sum(c => c.Cap))),
                (1, Gen.Choose(0, 100_000).Select(x => (long)x))))
        from budget in Gen.Choose(0, 1_000_000)
        select ((long)budget, claims, caps);

    [Property(MaxTest = 500)]
    public Property Groups_get_no_more_than_their_caps_their_claims_or_the_budget_and_leave_at_most_a_krone_each() =>
        Prop.ForAll(Inputs.ToArbitrary(), input =>
        {
            var (budget, claims, caps) = input;
            var shares = WaterFilling.ShareByGroup(budget, claims, caps);
            var ceiling = caps.Select((cap, g) => Math.Min(cap, claims.Where(c => c.Group == g).Sum(c => c.Cap))).ToArray();
            Assert.All(shares.Select((s, g) => (s, g)), x => Assert.InRange(x.s, 0, ceiling[x.g]));
            Assert.True(shares.Sum() <= budget);
            // Unless every group is at its ceiling, the budget is used up to the rounding of each group.
            Assert.True(shares.SequenceEqual(ceiling) || shares.Sum() >= budget - caps.Length);
        });

    [Property(MaxTest = 300)]
    public Property The_order_of_the_claims_does_not_matter() =>
        Prop.ForAll(
            (from input in Inputs from order in Gen.Shuffle(input.Claims) select (input, order)).ToArbitrary(),
            x => Assert.Equal(
                WaterFilling.ShareByGroup(x.input.Budget, x.input.Claims, x.input.GroupCaps),
                WaterFilling.ShareByGroup(x.input.Budget, x.order, x.input.GroupCaps)));
}
