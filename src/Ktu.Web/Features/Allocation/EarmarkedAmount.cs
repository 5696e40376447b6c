namespace Ktu.Web.Features.Allocation;

/// <summary>Money in the pot reserved for lines of one theme (2025: kr 415 000 of Trøndelag's pot for respite models).</summary>
internal sealed record EarmarkedAmount
{
    public required string Theme { get; init; }
    /// <summary>Whole kroner, part of the pot.</summary>
    public required long Amount { get; init; }
    /// <summary>The theme as users read it ("modeller for fleksible kommunale avlastningstilbud for pårørende"); the code when absent.</summary>
    public string? ThemeName { get; init; }
}
