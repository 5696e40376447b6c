using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>Allocation settings as sent (and stored): every one left out keeps its default.</summary>
public sealed record AllocationSettingsRequest
{
    /// <summary>Weights of scores 1–5.</summary>
    public List<int>? ScoreWeights { get; init; }
    public int? DistrictWeightPercent { get; init; }
    public long? MinimumAmount { get; init; }
    public long? RoundingUnit { get; init; }

    /// <summary>These settings, with every one left out taken from <paramref name="defaults"/>.</summary>
    internal AllocationSettings Over(AllocationSettings defaults) => new()
    {
        ScoreWeights = ScoreWeights?.ToArray() ?? defaults.ScoreWeights,
        DistrictWeightPercent = DistrictWeightPercent ?? defaults.DistrictWeightPercent,
        MinimumAmount = MinimumAmount ?? defaults.MinimumAmount,
        RoundingUnit = RoundingUnit ?? defaults.RoundingUnit,
    };
}
