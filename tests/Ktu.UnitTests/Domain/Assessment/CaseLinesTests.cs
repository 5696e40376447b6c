using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;

namespace Ktu.UnitTests.Domain.Assessment;

public sealed class CaseLinesTests
{
    private static readonly SchemeYear Scheme = new()
    {
        Year = 2027,
        Name = "Kompetanse- og tjenesteutviklingstilskudd",
        ApplicationDeadline = DateTimeOffset.UnixEpoch,
        ReportDeadline = new DateOnly(2028, 3, 1),
        EducationTypes = [new SchemeEducationType { Code = "videreutdanning", Name = "Videreutdanning" }],
    };

    [Fact]
    public void A_competence_row_with_some_continuing_persons_is_split_by_persons_and_the_parts_add_up()
    {
        var content = new ApplicationContent
        {
            CompetenceMeasures = [new CompetenceMeasure { EducationType = "videreutdanning", Amount = 100_000, Persons = 3, ContinuingPersons = 1 }],
        };
        var lines = CaseLines.From(content, Scheme, []);
        Assert.Equal(["kompetanse-1-videreforing", "kompetanse-1-nye"], lines.Select(l => l.Id));
        Assert.Equal(33_333, lines[0].AmountApplied);
        Assert.True(lines[0].Continuation);
        Assert.Equal(100_000, lines.Sum(l => l.AmountApplied));
        Assert.All(lines, l => Assert.Equal(DecisionPart.Competence, l.Part));
    }

    [Fact]
    public void Continuing_persons_above_the_persons_count_make_one_continuation_line()
    {
        var content = new ApplicationContent
        {
            CompetenceMeasures = [new CompetenceMeasure { EducationType = "videreutdanning", Amount = 50_000, Persons = 2, ContinuingPersons = 7 }],
        };
        var line = Assert.Single(CaseLines.From(content, Scheme, []));
        Assert.True(line.Continuation);
        Assert.Equal(50_000, line.AmountApplied);
    }

    [Fact]
    public void Empty_rows_give_no_lines_and_a_project_draws_on_an_earmarked_theme_when_it_has_one()
    {
        var content = new ApplicationContent
        {
            CompetenceMeasures = [new CompetenceMeasure { EducationType = "videreutdanning", Amount = 0 }],
            BpaTrainings = [new BpaTraining { Role = BpaRole.Assistant, Persons = 2, AmountPerPerson = 5_000 }, new BpaTraining { Role = null, Persons = 1, AmountPerPerson = 1 }],
            Projects = [new ServiceDevelopmentProject { Priority = 2, Title = "Avlastning", Themes = ["forebygging", "avlastning"], AmountApplied = 90_000 }],
        };
        var lines = CaseLines.From(content, Scheme, ["avlastning"]);
        Assert.Equal(["bpa-1", "prosjekt-1"], lines.Select(l => l.Id));
        Assert.Equal(10_000, lines[0].AmountApplied);
        Assert.Equal("avlastning", lines[1].Theme);
        Assert.Equal("Prosjekt 2: Avlastning", lines[1].Label);
    }
}

public sealed class AllocationRoundTests
{
    private static readonly Actor Officer = new("officer", "Saksbehandler", "s@example.org");
    private static readonly Actor Leader = new("leader", "Leder", "l@example.org");
    private static readonly DateTimeOffset Now = new(2027, 4, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_round_goes_draft_then_awaiting_approval_then_approved_and_is_frozen_after()
    {
        var round = AllocationRound.Start("trondelag", 2027, Now);
        round.ChangeAdjustments([new LineAdjustment("a/b", 1_000, "Fordi.")], Officer, Now);
        round.SubmitForApproval(Officer, 1_000, Now);
        Assert.Throws<InvalidOperationException>(() => round.ChangeAdjustments([], Officer, Now));
        Assert.Throws<InvalidOperationException>(() => round.Approve(Officer, Now));
        round.Approve(Leader, Now);
        Assert.Equal(RoundStatus.Approved, round.Status);
        Assert.Throws<InvalidOperationException>(() => round.Approve(Leader, Now));
        Assert.Throws<InvalidOperationException>(() => round.SendBack(Leader, "Nei.", Now));
        Assert.Throws<InvalidOperationException>(() => round.ChangeSettings(null, Officer, Now));
    }

    [Fact]
    public void Sending_back_opens_the_round_again_and_keeps_the_reason()
    {
        var round = AllocationRound.Start("trondelag", 2027, Now);
        round.SubmitForApproval(Officer, 0, Now);
        var version = round.Version;
        round.SendBack(Leader, "Sjekk BPA.", Now);
        Assert.Equal(RoundStatus.Draft, round.Status);
        Assert.Equal("Sjekk BPA.", round.SentBackReason);
        Assert.True(round.Version > version);
    }

    [Fact]
    public void A_decision_never_grants_more_than_applied_and_never_by_the_officers_own_approval()
    {
        var org = new Organisation { OrgNumber = "942110464", Name = "Trondheim", Kind = OrganisationKind.Municipality, CountyNumber = "50", EmbeteId = "trondelag" };
        DecisionLine[] lines = [new("bpa-1", DecisionPart.Bpa, "BPA", 10_000, 10_001, "For mye.")];
        Assert.Throws<ArgumentException>(() => GrantDecision.Make(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), org, 2027, "KTU-2027-TRO-0001", null, null, lines, null, Officer, Leader, Now));
        DecisionLine[] ok = [new("bpa-1", DecisionPart.Bpa, "BPA", 10_000, 0, "Avslått.")];
        Assert.Throws<ArgumentException>(() => GrantDecision.Make(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), org, 2027, "KTU-2027-TRO-0001", null, null, ok, null, Officer, Officer, Now));
        var refusal = GrantDecision.Make(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), org, 2027, "KTU-2027-TRO-0001", null, null, ok, null, Officer, Leader, Now);
        Assert.True(refusal.IsRefusal);
        Assert.Equal("Avslått.", Assert.Single(refusal.ReadLines()).Reason);
    }
}
