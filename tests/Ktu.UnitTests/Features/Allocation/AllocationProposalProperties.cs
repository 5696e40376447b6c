using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Features.Allocation;

namespace Ktu.UnitTests.Features.Allocation;

/// <summary>What holds for every proposal, whatever the pot, the lines and the settings.</summary>
public sealed class AllocationProposalProperties
{
    private const int Runs = 500;

    private static Property ForAll(PotSize size, Action<Scenario, AllocationResult> check) =>
        Prop.ForAll(AllocationScenarios.Any(size), s => check(s, s.Compute()));

    private static Dictionary<string, ProposedLine> ById(AllocationResult r) => r.Lines.ToDictionary(l => l.Id, StringComparer.Ordinal);

    private static long General(ProposedLine p) => p.AmountProposed - p.FromEarmark;

    private static bool Eligible(AllocationLine l) => l.Score > 0 && l.AmountApplied > 0;

    [Property(MaxTest = Runs)]
    public Property The_total_never_exceeds_the_pot_and_the_rest_is_reported_as_unallocated() => ForAll(PotSize.Any, (s, r) =>
    {
        Assert.Equal(r.Lines.Sum(l => l.AmountProposed), r.TotalProposed);
        Assert.True(r.TotalProposed <= s.Pot);
        Assert.Equal(s.Pot - r.TotalProposed, r.Unallocated);
    });

    [Property(MaxTest = Runs)]
    public Property No_line_gets_more_than_it_applied_for_or_a_negative_amount() => ForAll(PotSize.Any, (s, r) =>
    {
        Assert.Equal(s.Lines.Select(l => l.Id), r.Lines.Select(l => l.Id));
        foreach (var (line, p) in s.Lines.Zip(r.Lines))
        {
            Assert.InRange(p.AmountProposed, 0, line.AmountApplied);
            Assert.InRange(p.FromEarmark, 0, p.AmountProposed);
        }
    });

    [Property(MaxTest = Runs)]
    public Property Score_zero_always_gets_nothing() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        Assert.All(s.Lines.Where(l => l.Score == 0), l =>
        {
            Assert.Equal(0, byId[l.Id].AmountProposed);
            Assert.Equal(LineOutcome.NotFundedScoreZero, byId[l.Id].Outcome);
        });
    });

    [Property(MaxTest = Runs)]
    public Property Earmarked_money_goes_only_to_lines_of_its_theme() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        var themes = s.Earmarks.Select(e => e.Theme).ToHashSet();
        Assert.All(s.Lines.Where(l => l.Theme is null || !themes.Contains(l.Theme)), l => Assert.Equal(0, byId[l.Id].FromEarmark));
        foreach (var e in s.Earmarks)
        {
            var use = Assert.Single(r.Earmarks, u => u.Theme == e.Theme);
            Assert.Equal(s.Lines.Where(l => l.Theme == e.Theme).Sum(l => byId[l.Id].FromEarmark), use.Used);
            Assert.InRange(use.Used, 0, e.Amount);
            Assert.Equal(e.Amount - use.Used, use.Left);
        }
    });

    [Property(MaxTest = Runs)]
    public Property Earmarked_money_is_used_before_general_money_for_lines_of_its_theme() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        foreach (var use in r.Earmarks)
        {
            var generalToTheme = s.Lines.Where(l => l.Theme == use.Theme).Sum(l => General(byId[l.Id]));
            // Whatever is left is less than one rounding unit: it cannot be granted in whole units.
            Assert.True(generalToTheme == 0 || use.Left < s.Settings.RoundingUnit,
                $"{use.Theme}: {use.Left} earmarked left while {generalToTheme} general money went to the theme");
        }
    });

    [Property(MaxTest = Runs)]
    public Property Continuations_are_funded_before_new_persons_of_the_same_education_type() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        foreach (var type in s.Lines.Where(l => l.Kind == LineKind.Competence).GroupBy(l => l.EducationType))
        {
            var continuations = type.Where(l => l.Continuation && Eligible(l)).ToList();
            var newPersons = type.Where(l => !l.Continuation && Eligible(l)).ToList();
            if (newPersons.Any(l => General(byId[l.Id]) > 0))
            {
                Assert.All(continuations, l => Assert.True(FullOrBelowMinimum(byId[l.Id]), $"continuation {l.Id} not full while new persons of {type.Key} got general money"));
            }
            // Inside one earmarked theme the same order holds for the earmarked money.
            foreach (var theme in newPersons.Where(l => byId[l.Id].FromEarmark > 0).Select(l => l.Theme).Distinct())
            {
                Assert.All(continuations.Where(l => l.Theme == theme), l => Assert.True(FullOrBelowMinimum(byId[l.Id])));
            }
        }
    });

    [Property(MaxTest = Runs)]
    public Property Bpa_work_leaders_come_before_caseworkers_and_caseworkers_before_assistants() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        var bpa = s.Lines.Where(l => l.Kind == LineKind.Bpa && Eligible(l)).ToList();
        foreach (var role in new[] { BpaRole.Caseworker, BpaRole.Assistant })
        {
            if (bpa.Where(l => l.BpaRole == role).Any(l => General(byId[l.Id]) > 0))
            {
                Assert.All(bpa.Where(l => l.BpaRole < role), l => Assert.True(FullOrBelowMinimum(byId[l.Id]), $"{l.BpaRole} {l.Id} not full while a {role} got general money"));
            }
        }
    });

    private static bool FullOrBelowMinimum(ProposedLine p) =>
        p.AmountProposed == p.AmountApplied || p.Outcome == LineOutcome.NotFundedBelowMinimum;

    [Property(MaxTest = Runs)]
    public Property A_district_municipality_never_gets_less_than_an_equal_line_from_another_municipality() =>
        Prop.ForAll(
            (from s in AllocationScenarios.Scenarios()
             from twin in AllocationScenarios.Line("twin")
             select s with { Lines = [.. s.Lines, twin with { Id = "twin-district", District = true }, twin with { Id = "twin-other", District = false }] })
            .ToArbitrary(),
            s =>
            {
                var byId = ById(s.Compute());
                Assert.True(byId["twin-district"].AmountProposed >= byId["twin-other"].AmountProposed);
            });

    [Property(MaxTest = Runs)]
    public Property The_same_input_gives_the_same_output() => ForAll(PotSize.Any, (s, r) =>
    {
        var again = s.Compute();
        Assert.Equal(r.Lines, again.Lines);
        Assert.Equal(r.Earmarks, again.Earmarks);
        Assert.Equal((r.TotalProposed, r.Unallocated), (again.TotalProposed, again.Unallocated));
    });

    [Property(MaxTest = Runs)]
    public Property The_order_of_the_lines_and_earmarks_does_not_matter() =>
        Prop.ForAll(
            (from s in AllocationScenarios.Scenarios()
             from lines in Gen.Shuffle(s.Lines.ToArray())
             from earmarks in Gen.Shuffle(s.Earmarks.ToArray())
             select new[] { s, s with { Lines = lines, Earmarks = earmarks } }).ToArbitrary(),
            pair =>
            {
                var (first, second) = (pair[0].Compute(), pair[1].Compute());
                Assert.Equal(first.Lines.OrderBy(l => l.Id, StringComparer.Ordinal), second.Lines.OrderBy(l => l.Id, StringComparer.Ordinal));
                Assert.Equal(first.Earmarks, second.Earmarks);
                Assert.Equal(first.TotalProposed, second.TotalProposed);
            });

    [Property(MaxTest = Runs)]
    public Property When_the_pot_is_enough_everything_scored_above_zero_is_funded_in_full() => ForAll(PotSize.Enough, (s, r) =>
    {
        Assert.True(s.PotIsEnough);
        var byId = ById(r);
        Assert.All(s.Lines.Where(l => l.Score > 0), l =>
        {
            Assert.Equal(l.AmountApplied, byId[l.Id].AmountProposed);
            Assert.Contains(byId[l.Id].Outcome, new[] { LineOutcome.FundedInFull, LineOutcome.NothingAppliedFor });
        });
    });

    [Property(MaxTest = Runs)]
    public Property When_the_pot_is_short_some_line_is_reduced_and_every_reduced_line_says_why() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        var reduced = s.Lines.Where(l => Eligible(l) && byId[l.Id].AmountProposed < l.AmountApplied).ToList();
        Assert.Equal(s.PotIsEnough, reduced.Count == 0);
        Assert.All(reduced, l =>
        {
            var p = byId[l.Id];
            var expected = p.AmountProposed == 0
                ? new[] { LineOutcome.NotFundedByShortfall, LineOutcome.NotFundedByPriority, LineOutcome.NotFundedBelowMinimum }
                : new[] { LineOutcome.ReducedByShortfall, LineOutcome.ReducedByPriority };
            Assert.Contains(p.Outcome, expected);
            Assert.StartsWith(p.AmountProposed == 0 ? "Ikke innvilget" : "Redusert", p.Reason, StringComparison.Ordinal);
        });
        Assert.All(r.Lines.Where(p => p.AmountProposed == p.AmountApplied && p.AmountApplied > 0), p => Assert.Equal(LineOutcome.FundedInFull, p.Outcome));
    });

    [Property(MaxTest = Runs)]
    public Property No_general_money_is_left_while_a_line_could_still_take_a_rounding_unit() => ForAll(PotSize.Any, (s, r) =>
    {
        var byId = ById(r);
        var open = s.Lines.Where(l => Eligible(l) && byId[l.Id].AmountProposed < l.AmountApplied && byId[l.Id].Outcome != LineOutcome.NotFundedBelowMinimum);
        var generalLeft = s.Pot - s.Earmarked - r.Lines.Sum(General);
        Assert.True(!open.Any() || generalLeft < s.Settings.RoundingUnit, $"{generalLeft} general money left");
    });

    [Property(MaxTest = Runs)]
    public Property Reduced_amounts_are_whole_rounding_units_and_never_token_sums() => ForAll(PotSize.Any, (s, r) =>
    {
        Assert.All(r.Lines.Where(p => p.AmountProposed != p.AmountApplied), p =>
        {
            Assert.Equal(0, p.AmountProposed % s.Settings.RoundingUnit);
            Assert.True(p.AmountProposed == 0 || p.AmountProposed >= s.Settings.MinimumAmount);
        });
    });
}
