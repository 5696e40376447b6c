using System.Reflection;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;

namespace Ktu.UnitTests.Domain.Reporting;

public sealed class ReallocationTests
{
    [Fact]
    public void Approved_reallocations_move_money_between_lines_and_never_change_the_total()
    {
        IReadOnlyList<DecisionLine> decided =
        [
            new("kompetanse-1-nye", DecisionPart.Competence, "Videreutdanning", 60_000, 60_000, ""),
            new("prosjekt-1", DecisionPart.Project, "Prosjekt", 150_000, 150_000, ""),
        ];
        var approved = Decided(ChangeStatus.Approved, "prosjekt-1", 50_000, 1);
        var tooMuch = Decided(ChangeStatus.Approved, "kompetanse-1-nye", 70_000, 2);
        var refused = Decided(ChangeStatus.Refused, "prosjekt-1", 10_000, 3);
        var lines = Reallocation.Apply(decided, [refused, tooMuch, approved]);
        Assert.Equal(210_000, lines.Sum(l => l.AmountGranted));
        Assert.Equal(100_000, lines.Single(l => l.LineId == "prosjekt-1").AmountGranted);
        Assert.Equal(60_000, lines.Single(l => l.LineId == "kompetanse-1-nye").AmountGranted);
        Assert.Equal(50_000, lines.Single(l => l.LineId == approved.NewLineId).AmountGranted);
        Assert.Equal(3, lines.Count);
    }

    private static Reallocation Decided(ChangeStatus status, string line, long amount, int minute)
    {
        var r = (Reallocation)Activator.CreateInstance(typeof(Reallocation), nonPublic: true)!;
        void Set(string name, object value) => typeof(Reallocation).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.SetValue(r, value);
        Set(nameof(Reallocation.Id), Guid.NewGuid());
        Set(nameof(Reallocation.FromLineId), line);
        Set(nameof(Reallocation.Part), DecisionPart.Project);
        Set(nameof(Reallocation.Amount), amount);
        Set(nameof(Reallocation.Purpose), "Nytt formål");
        Set(nameof(Reallocation.Reason), "Grunn");
        Set(nameof(Reallocation.Status), status);
        Set(nameof(Reallocation.DecidedAt), (DateTimeOffset?)new DateTimeOffset(2026, 6, 1, 12, minute, 0, TimeSpan.Zero));
        return r;
    }
}
