using Ktu.UnitTests.GrantLetters;
using Ktu.Web.Domain.Decisions;
using static Ktu.UnitTests.GrantLetters.LetterExamples;

namespace Ktu.UnitTests.Domain.Decisions;

/// <summary>Issue 17: a supplementary decision adds to the year's grant; read as one, the grant is the first decision plus every later round.</summary>
public sealed class AsOneGrantTests
{
    private static readonly Guid Application = Guid.NewGuid();

    private static GrantDecision Decided(int round, params DecisionLine[] lines) =>
        GrantDecision.Make(Guid.NewGuid(), Application, Guid.NewGuid(), Trondheim(), 2027, "KTU-2027-TRO-0001", "86011117947", null,
            lines, null, Officer, Approver, new DateTimeOffset(2027, 5, round, 10, 0, 0, TimeSpan.Zero), round);

    [Fact]
    public void A_supplementary_decision_adds_to_each_line_and_the_grant_keeps_the_first_decisions_id()
    {
        var first = Decided(1,
            Line("kompetanse-1-nye", DecisionPart.Competence, "Videreutdanning", 90_000, 90_000),
            Line("prosjekt-1", DecisionPart.Project, "Prosjekt 1", 150_000, 10_000, "Ikke godt nok beskrevet."));
        // The second round offers only what the first left of the project.
        var second = Decided(2, Line("prosjekt-1", DecisionPart.Project, "Prosjekt 1", 140_000, 100_000, "Penger igjen i rammen."));

        var grant = GrantDecision.AsOneGrant([second, first]);

        Assert.Equal(first.Id, grant.Id);
        Assert.Equal(first.DecidedAt, grant.DecidedAt);
        Assert.Equal(200_000, grant.AmountGranted);
        Assert.Equal(240_000, grant.AmountApplied);
        Assert.Equal([("kompetanse-1-nye", 90_000L, 90_000L), ("prosjekt-1", 150_000L, 110_000L)],
            grant.ReadLines().Select(l => (l.LineId, l.AmountApplied, l.AmountGranted)));
        Assert.Equal(110_000, grant.GrantedFor(DecisionPart.Project));
        // The stored decisions are untouched.
        Assert.Equal(10_000, first.GrantedFor(DecisionPart.Project));
    }

    [Fact]
    public void A_grant_refused_in_the_first_round_and_granted_in_the_second_is_not_a_refusal()
    {
        var first = Decided(1, Line("bpa-1", DecisionPart.Bpa, "BPA", 20_000, 0, "Venter på midler."));
        var second = Decided(2, Line("bpa-1", DecisionPart.Bpa, "BPA", 20_000, 20_000));
        Assert.True(first.IsRefusal);
        var grant = GrantDecision.AsOneGrant([first, second]);
        Assert.False(grant.IsRefusal);
        Assert.Equal((first.Id, 20_000L, 20_000L), (grant.Id, grant.AmountApplied, grant.AmountGranted));
    }

    [Fact]
    public void One_decision_is_its_own_grant_and_decisions_of_two_applications_are_not_one()
    {
        var only = LetterExamples.Granted(50_000);
        Assert.Same(only, GrantDecision.AsOneGrant([only]));
        Assert.Throws<ArgumentException>(() => GrantDecision.AsOneGrant([only, LetterExamples.Granted(10_000)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GrantDecision.AsOneGrant([]));
    }
}
