using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Allocation;

namespace Ktu.UnitTests.Features.Allocation;

/// <summary>The allocation proposal, example by example. Amounts in whole kroner.</summary>
public sealed class AllocationProposalTests
{
    private static AllocationLine Project(string id, long applied, int score, string? theme = null, bool district = false) => new()
    {
        Id = id,
        Applicant = "Trondheim",
        Kind = LineKind.Project,
        Theme = theme,
        District = district,
        AmountApplied = applied,
        Score = score,
    };

    private static AllocationLine Competence(string id, string type, bool continuation, long applied, int score = 3) => new()
    {
        Id = id,
        Applicant = "Røros",
        Kind = LineKind.Competence,
        EducationType = type,
        Continuation = continuation,
        AmountApplied = applied,
        Score = score,
    };

    private static AllocationLine Bpa(string id, BpaRole role, long applied, int score = 3) => new()
    {
        Id = id,
        Applicant = "Frøya",
        Kind = LineKind.Bpa,
        BpaRole = role,
        AmountApplied = applied,
        Score = score,
    };

    private static Dictionary<string, ProposedLine> Propose(long pot, AllocationLine[] lines, EarmarkedAmount[]? earmarks = null, AllocationSettings? settings = null) =>
        AllocationProposal.Compute(pot, earmarks ?? [], lines, settings).Lines.ToDictionary(l => l.Id);

    [Fact]
    public void Score_zero_gets_nothing()
    {
        var p = Propose(1_000_000, [Project("a", 100_000, score: 0)]);
        Assert.Equal(0, p["a"].AmountProposed);
        Assert.Equal(LineOutcome.NotFundedScoreZero, p["a"].Outcome);
        Assert.Equal("Ikke prioritert: poeng 0 i vurderingen.", p["a"].Reason);
    }

    [Fact]
    public void Everything_scored_above_zero_is_funded_in_full_and_unrounded_when_the_pot_is_enough()
    {
        var result = AllocationProposal.Compute(200_000, [], [Project("a", 62_500, 1), Competence("b", "vgs", false, 90_000), Project("c", 40_000, 0)]);
        var p = result.Lines.ToDictionary(l => l.Id);
        Assert.Equal(62_500, p["a"].AmountProposed);
        Assert.Equal("Innvilget i sin helhet.", p["a"].Reason);
        Assert.Equal(90_000, p["b"].AmountProposed);
        Assert.Equal(152_500, result.TotalProposed);
        Assert.Equal(47_500, result.Unallocated);
    }

    [Fact]
    public void A_shortfall_is_shared_in_proportion_to_applied_amount_times_score_weight()
    {
        var p = Propose(90_000, [Project("a", 100_000, score: 4), Project("b", 100_000, score: 2)]);
        Assert.Equal(60_000, p["a"].AmountProposed);
        Assert.Equal(30_000, p["b"].AmountProposed);
        Assert.Equal(LineOutcome.ReducedByShortfall, p["a"].Outcome);
        Assert.Equal("Redusert fordi rammen ikke dekker alle søknader med samme prioritet (fikk 60 % av søkt beløp).", p["a"].Reason);
    }

    [Fact]
    public void A_line_is_never_given_more_than_it_applied_for_and_the_surplus_goes_to_the_others()
    {
        // Equal claims (100 × 20 000 = 20 × 100 000) would give 30 000 each; a can take only 20 000.
        var p = Propose(60_000, [Project("a", 20_000, score: 5), Project("b", 100_000, score: 1)]);
        Assert.Equal(20_000, p["a"].AmountProposed);
        Assert.Equal(40_000, p["b"].AmountProposed);
    }

    [Fact]
    public void District_municipalities_weigh_up_by_the_configured_factor()
    {
        AllocationLine[] lines = [Project("district", 100_000, 3, district: true), Project("other", 100_000, 3)];
        var weighted = Propose(90_000, lines);
        Assert.Equal(50_000, weighted["district"].AmountProposed); // 90 000 × 125 / 225
        Assert.Equal(40_000, weighted["other"].AmountProposed);

        var even = Propose(90_000, lines, settings: new AllocationSettings { DistrictWeightPercent = 100 });
        Assert.Equal(45_000, even["district"].AmountProposed);
    }

    [Fact]
    public void Continuations_are_funded_before_new_persons_of_the_same_education_type()
    {
        // Every line's own share is half of what it applied for; the vgs pool (30 000 + 30 000) goes to the continuation first.
        var p = Propose(120_000, [
            Competence("vgs-continuing", "vgs", continuation: true, 60_000),
            Competence("vgs-new", "vgs", continuation: false, 60_000),
            Competence("bachelor-new", "bachelor", continuation: false, 120_000)]);
        Assert.Equal(60_000, p["vgs-continuing"].AmountProposed);
        Assert.Equal(0, p["vgs-new"].AmountProposed);
        Assert.Equal(LineOutcome.NotFundedByPriority, p["vgs-new"].Outcome);
        Assert.Equal("Ikke innvilget fordi videreføringer av samme utdanningstype går foran nye personer, og rammen strekker ikke til.", p["vgs-new"].Reason);
        // Priority moves money within an education type, never from another one.
        Assert.Equal(60_000, p["bachelor-new"].AmountProposed);
    }

    [Fact]
    public void Work_leaders_are_funded_before_caseworkers_and_caseworkers_before_assistants()
    {
        // Level 62.5 %: the BPA pool is 75 000 of its 120 000.
        var p = Propose(150_000, [
            Bpa("assistants", BpaRole.Assistant, 40_000),
            Bpa("caseworkers", BpaRole.Caseworker, 40_000),
            Bpa("work-leaders", BpaRole.WorkLeader, 40_000),
            Project("project", 120_000, 3)]);
        Assert.Equal(40_000, p["work-leaders"].AmountProposed);
        Assert.Equal(35_000, p["caseworkers"].AmountProposed);
        Assert.Equal(LineOutcome.ReducedByPriority, p["caseworkers"].Outcome);
        Assert.Equal("Redusert fordi opplæring av arbeidsledere går foran opplæring av saksbehandlere, og rammen strekker ikke til (fikk 87 % av søkt beløp).", p["caseworkers"].Reason);
        Assert.Equal(0, p["assistants"].AmountProposed);
        Assert.Contains("arbeidsledere og saksbehandlere går foran opplæring av assistenter", p["assistants"].Reason, StringComparison.Ordinal);
        Assert.Equal(75_000, p["project"].AmountProposed);
    }

    [Fact]
    public void Bpa_lines_ignore_the_continuation_flag()
    {
        var p = Propose(40_000, [Bpa("leaders", BpaRole.WorkLeader, 40_000), Bpa("assistants", BpaRole.Assistant, 40_000) with { Continuation = true }]);
        Assert.Equal(40_000, p["leaders"].AmountProposed);
        Assert.Equal(0, p["assistants"].AmountProposed);
    }

    [Fact]
    public void Earmarked_money_goes_only_to_lines_of_its_theme_and_what_is_left_stays_unallocated()
    {
        var result = AllocationProposal.Compute(100_000, [new() { Theme = "avlastning", Amount = 100_000 }],
            [Project("respite", 50_000, 3, theme: "avlastning"), Project("other", 80_000, 5)]);
        var p = result.Lines.ToDictionary(l => l.Id);
        Assert.Equal(50_000, p["respite"].AmountProposed);
        Assert.Equal(0, p["other"].AmountProposed);
        Assert.Equal(new EarmarkUse("avlastning", 100_000, 50_000, 50_000), Assert.Single(result.Earmarks));
        Assert.Equal(50_000, result.Unallocated);
    }

    [Fact]
    public void A_line_covered_by_its_earmark_says_so()
    {
        var p = Propose(415_000, [Project("respite", 300_000, 4, theme: "avlastning")],
            [new() { Theme = "avlastning", Amount = 415_000, ThemeName = "modeller for avlastning" }]);
        Assert.Equal(300_000, p["respite"].FromEarmark);
        Assert.Equal("Dekket av øremerkede midler til modeller for avlastning.", p["respite"].Reason);
    }

    [Fact]
    public void Earmarked_money_is_used_before_general_money_and_only_the_rest_of_the_need_competes()
    {
        // General money 400 000 is shared between the 50 000 the earmark did not cover and the other project's 500 000.
        var result = AllocationProposal.Compute(500_000, [new() { Theme = "avlastning", Amount = 100_000 }],
            [Project("respite", 150_000, 3, theme: "avlastning"), Project("other", 500_000, 3)]);
        var p = result.Lines.ToDictionary(l => l.Id);
        Assert.Equal(100_000, p["respite"].FromEarmark);
        Assert.Equal(136_000, p["respite"].AmountProposed);
        Assert.Equal(364_000, p["other"].AmountProposed);
        Assert.Equal(0, result.Earmarks[0].Left);
        Assert.EndsWith("Av beløpet er kr 100 000 øremerkede midler til avlastning.", p["respite"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reduced_amounts_are_rounded_down_to_whole_thousands_and_what_rounding_frees_is_handed_out_again()
    {
        // 33 333 each, rounded to 33 000; the freed 1 000 goes to the first id of equals.
        var result = AllocationProposal.Compute(100_000, [], [Project("c", 50_000, 3), Project("a", 50_000, 3), Project("b", 50_000, 3)]);
        var p = result.Lines.ToDictionary(l => l.Id);
        Assert.Equal([34_000, 33_000, 33_000], new[] { p["a"].AmountProposed, p["b"].AmountProposed, p["c"].AmountProposed });
        Assert.Equal(100_000, result.TotalProposed);
    }

    [Fact]
    public void Without_rounding_the_pot_is_shared_to_the_krone()
    {
        var result = AllocationProposal.Compute(100_000, [], [Project("a", 50_000, 3), Project("b", 50_000, 3), Project("c", 50_000, 3)],
            new AllocationSettings { RoundingUnit = 1 });
        Assert.Equal(100_000, result.TotalProposed);
        Assert.All(result.Lines, l => Assert.InRange(l.AmountProposed, 33_333, 33_334));
    }

    [Fact]
    public void A_line_below_the_minimum_amount_gets_nothing_and_its_share_goes_to_the_others()
    {
        var p = Propose(100_000, [Project("big", 500_000, 5), Project("small", 20_000, 1)]);
        Assert.Equal(0, p["small"].AmountProposed);
        Assert.Equal(LineOutcome.NotFundedBelowMinimum, p["small"].Outcome);
        Assert.Equal("Ikke innvilget fordi andelen ville blitt lavere enn minstebeløpet på kr 10 000.", p["small"].Reason);
        Assert.Equal(100_000, p["big"].AmountProposed);
    }

    [Fact]
    public void A_line_funded_in_full_is_not_a_token_sum_even_below_the_minimum_amount()
    {
        var p = Propose(50_000, [Project("small", 5_000, 5), Project("big", 100_000, 1)]);
        Assert.Equal(5_000, p["small"].AmountProposed);
        Assert.Equal(45_000, p["big"].AmountProposed);
    }

    [Fact]
    public void Many_small_shares_are_gathered_on_fewer_lines_instead_of_spread_as_token_sums()
    {
        var lines = Enumerable.Range(10, 20).Select(i => Project($"p{i}", 100_000, 3)).ToArray();
        var result = AllocationProposal.Compute(150_000, [], lines);
        Assert.Equal(15, result.Lines.Count(l => l.AmountProposed == 10_000));
        Assert.Equal(5, result.Lines.Count(l => l.Outcome == LineOutcome.NotFundedBelowMinimum));
        Assert.Equal(150_000, result.TotalProposed);
    }

    [Fact]
    public void A_small_line_that_fits_in_what_is_left_is_funded_in_full_rather_than_left_out()
    {
        // No large line can reach the 50 000 minimum with 38 687; the two small ones can be funded in full.
        var result = AllocationProposal.Compute(38_687, [],
            [Project("large-1", 126_000, 4, district: true), Project("large-2", 152_000, 4, district: true), Project("small-1", 5_000, 4), Project("small-2", 5_000, 2)],
            new AllocationSettings { MinimumAmount = 50_000 });
        var p = result.Lines.ToDictionary(l => l.Id);
        Assert.Equal(5_000, p["small-1"].AmountProposed);
        Assert.Equal(5_000, p["small-2"].AmountProposed);
        Assert.Equal(LineOutcome.NotFundedBelowMinimum, p["large-1"].Outcome);
        Assert.Equal(28_687, result.Unallocated);
    }

    [Fact]
    public void The_order_of_the_lines_does_not_change_the_proposal()
    {
        AllocationLine[] lines = [Project("x", 70_000, 2), Competence("y", "vgs", true, 55_500, 4), Bpa("z", BpaRole.Caseworker, 31_000, 5), Project("w", 12_000, 1, district: true)];
        var forward = AllocationProposal.Compute(99_999, [], lines);
        var backward = AllocationProposal.Compute(99_999, [], lines.Reverse().ToArray());
        Assert.Equal(forward.Lines, backward.Lines.Reverse());
    }

    [Fact]
    public void Lines_come_back_in_the_order_they_were_given()
    {
        var result = AllocationProposal.Compute(10_000, [], [Project("b", 1_000, 1), Project("a", 1_000, 1)]);
        Assert.Equal(["b", "a"], result.Lines.Select(l => l.Id));
    }

    [Fact]
    public void Input_that_breaks_the_rules_is_refused_rather_than_guessed_at()
    {
        Assert.Throws<ArgumentException>(() => AllocationProposal.Compute(100, [], [Project("a", 10, 1), Project("a", 20, 1)]));
        Assert.Throws<ArgumentException>(() => AllocationProposal.Compute(100, [], [Project("a", 10, 6)]));
        Assert.Throws<ArgumentException>(() => AllocationProposal.Compute(-1, [], []));
        Assert.Throws<ArgumentException>(() => AllocationProposal.Compute(100, [new() { Theme = "avlastning", Amount = 101 }], []));
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(200_000)]
    public void A_proposal_for_five_thousand_lines_stays_within_the_pot_and_the_applied_amounts(long minimum)
    {
        var random = new Random(2025);
        string[] types = ["vgs", "bachelor", "videreutdanning"];
        var lines = Enumerable.Range(0, 5000).Select(i => (i % 3) switch
        {
            0 => Competence($"c{i}", types[random.Next(3)], random.Next(2) == 0, random.Next(1, 300) * 1_000, random.Next(0, 6)),
            1 => Bpa($"b{i}", (BpaRole)random.Next(1, 4), random.Next(1, 100) * 1_000, random.Next(0, 6)),
            _ => Project($"p{i}", random.Next(1, 900) * 1_000 + random.Next(1000), random.Next(0, 6), theme: i % 7 == 0 ? "avlastning" : null, district: i % 2 == 0),
        }).ToArray();
        // Speed is measured in bench/, never asserted here.
        var result = AllocationProposal.Compute(30_667_000, [new() { Theme = "avlastning", Amount = 415_000 }], lines,
            new AllocationSettings { MinimumAmount = minimum });
        Assert.True(result.TotalProposed <= 30_667_000);
        Assert.Equal(5000, result.Lines.Count);
        Assert.All(result.Lines.Zip(lines), x => Assert.InRange(x.First.AmountProposed, 0, x.Second.AmountApplied));
    }
}
