using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>Allocation settings as stored on the scheme year, the round and each scenario.</summary>
internal static class StoredSettings
{
    public static AllocationSettings Read(string? json) => AllocationSettings.Read(json);

    public static string Write(AllocationSettings s) => DomainJson.Serialize(new AllocationSettingsRequest
    {
        ScoreWeights = s.ScoreWeights.ToList(),
        DistrictWeightPercent = s.DistrictWeightPercent,
        MinimumAmount = s.MinimumAmount,
        RoundingUnit = s.RoundingUnit,
    });
}
