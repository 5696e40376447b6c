namespace Ktu.Web.Features.Allocation;

/// <summary>A line of a decision already made: how much it granted, and the theme whose earmark it may draw on.</summary>
internal sealed record GrantedLine(string Key, string? Theme, long Amount);

/// <summary>
/// What is left of an embete's pot after the rounds approved so far: the pot (with transferred funds and transfers
/// approved later) minus every grant, and per earmark the same rule as in a round: a theme's grants use its earmark
/// first, up to the earmark. A further round allocates exactly this.
/// </summary>
internal sealed record PotLeft(long Pot, long Granted, IReadOnlyList<EarmarkState> Earmarks)
{
    public long Left => Pot - Granted;

    public static PotLeft Compute(long pot, IReadOnlyList<EarmarkedAmount> earmarks, IReadOnlyList<GrantedLine> granted)
    {
        var states = earmarks.Select(e =>
        {
            var used = Math.Min(e.Amount, granted.Where(g => string.Equals(g.Theme, e.Theme, StringComparison.Ordinal)).Sum(g => g.Amount));
            return new EarmarkState(e.Theme, e.ThemeName ?? e.Theme, e.Amount, used, e.Amount - used);
        }).ToList();
        return new PotLeft(pot, granted.Sum(g => g.Amount), states) { Lines = granted };
    }

    /// <summary>What the decisions granted per line, by <see cref="Ktu.Web.Domain.Decisions.AllocationRound.LineKey"/>.</summary>
    public IReadOnlyList<GrantedLine> Lines { get; init; } = [];

    public Dictionary<string, long> GrantedByKey() =>
        Lines.GroupBy(l => l.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount), StringComparer.Ordinal);

    /// <summary>The earmarks a further round may still use: what each has left.</summary>
    public IReadOnlyList<EarmarkedAmount> EarmarksLeft() =>
        Earmarks.Select(e => new EarmarkedAmount { Theme = e.Theme, Amount = e.Left, ThemeName = e.ThemeName }).ToList();
}
