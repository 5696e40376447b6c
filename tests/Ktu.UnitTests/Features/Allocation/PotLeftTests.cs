using Ktu.Web.Features.Allocation;

namespace Ktu.UnitTests.Features.Allocation;

/// <summary>What a further round may allocate: the pot minus every grant, and per earmark what its theme's grants did not use.</summary>
public sealed class PotLeftTests
{
    private static readonly EarmarkedAmount[] Respite = [new() { Theme = "avlastning", Amount = 415_000, ThemeName = "Avlastning" }];

    [Fact]
    public void Left_is_the_pot_minus_all_grants_and_earmarks_are_used_first_by_their_theme()
    {
        var left = PotLeft.Compute(30_667_000, Respite,
        [
            new("a/prosjekt-1", "avlastning", 300_000),
            new("b/prosjekt-1", null, 1_000_000),
            new("c/bpa-1", "annet", 50_000),
        ]);

        Assert.Equal(1_350_000, left.Granted);
        Assert.Equal(29_317_000, left.Left);
        var earmark = Assert.Single(left.Earmarks);
        Assert.Equal((415_000L, 300_000L, 115_000L), (earmark.Amount, earmark.Used, earmark.Left));
        Assert.Equal(115_000, Assert.Single(left.EarmarksLeft()).Amount);
    }

    [Fact]
    public void A_theme_granted_beyond_its_earmark_uses_it_all_and_the_rest_counts_as_general()
    {
        var left = PotLeft.Compute(1_000_000, Respite, [new("a/prosjekt-1", "avlastning", 500_000), new("a/prosjekt-2", "avlastning", 100_000)]);

        Assert.Equal(0, Assert.Single(left.Earmarks).Left);
        Assert.Equal(400_000, left.Left);
    }

    [Fact]
    public void Grants_on_one_line_over_several_rounds_add_up()
    {
        var left = PotLeft.Compute(1_000_000, [], [new("a/prosjekt-1", null, 10_000), new("a/prosjekt-1", null, 140_000), new("b/bpa-1", null, 5_000)]);

        var byKey = left.GrantedByKey();
        Assert.Equal(150_000, byKey["a/prosjekt-1"]);
        Assert.Equal(5_000, byKey["b/bpa-1"]);
        Assert.Equal(845_000, left.Left);
    }

    [Fact]
    public void Nothing_granted_leaves_the_whole_pot()
    {
        var left = PotLeft.Compute(2_000, Respite, []);
        Assert.Equal(2_000, left.Left);
        Assert.Equal(415_000, Assert.Single(left.Earmarks).Left);
    }
}
