namespace Ktu.Web.Features.Allocation;

/// <summary>Allocation settings as the API answers them.</summary>
public sealed record AllocationSettingsDto(IReadOnlyList<int> ScoreWeights, int DistrictWeightPercent, long MinimumAmount, long RoundingUnit);
