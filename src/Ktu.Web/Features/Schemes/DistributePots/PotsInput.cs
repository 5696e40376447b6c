namespace Ktu.Web.Features.Schemes;

/// <summary>The national amount and its distribution to the embeter, as the directorate sends it; an embete left out has no pot.</summary>
public sealed record PotsInput
{
    /// <summary>The version of the scheme year the directorate saw.</summary>
    public int? Version { get; init; }
    /// <summary>Whole kroner for the whole country this year.</summary>
    public long? NationalAmount { get; init; }
    public List<PotInput>? Pots { get; init; }
}

/// <param name="Embete">The embete's id ("trondelag").</param>
/// <param name="Amount">Whole kroner of the national amount, earmarks included.</param>
/// <param name="Transferred">Whole kroner of unused money from earlier years, outside the national amount.</param>
/// <param name="DemoFigure">True for amounts made up for the demo; they are labelled as such wherever shown.</param>
public sealed record PotInput(string? Embete, long Amount, long Transferred = 0, List<EarmarkInput>? Earmarks = null, bool DemoFigure = false);

public sealed record EarmarkInput(string? Theme, long Amount);

/// <summary>A starting point for the distribution: the embete's share of the national amount by its municipalities' population.</summary>
public sealed record PotProposalDto(string Embete, long Population, long Amount);
