using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>Allocation settings as stored on the scheme year, the round and each scenario.</summary>
internal static class StoredSettings
{
    public static AllocationSettings Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || DomainJson.Deserialize<AllocationSettingsRequest>(json) is not { } s)
        {
            return AllocationSettings.Default;
        }
        // Weights stored in another shape than one per score 1-5 are not trusted; the defaults apply.
        return (s.ScoreWeights is { Count: not 5 } ? s with { ScoreWeights = null } : s).Over(AllocationSettings.Default);
    }

    public static string Write(AllocationSettings s) => DomainJson.Serialize(new AllocationSettingsRequest
    {
        ScoreWeights = s.ScoreWeights.ToList(),
        DistrictWeightPercent = s.DistrictWeightPercent,
        MinimumAmount = s.MinimumAmount,
        RoundingUnit = s.RoundingUnit,
    });
}
