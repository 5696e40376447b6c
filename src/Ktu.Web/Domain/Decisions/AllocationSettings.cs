namespace Ktu.Web.Domain.Decisions;

/// <summary>
/// The knobs of a proposal. The defaults are KTU's suggestion for a scheme year; a case officer can
/// change any of them for one what-if scenario. The priority order itself is not a knob: it is the
/// regelverk's (the allocation feature's ContinuationsComeFirst and WorkLeadersBeforeCaseworkersBeforeAssistants).
/// The scheme year holds the year's defaults (SchemeYear.AllocationSettingsJson), set by the directorate.
/// </summary>
internal sealed record AllocationSettings
{
    public static readonly AllocationSettings Default = new();

    /// <summary>Largest amount (pot, earmark, line) the computation accepts: kr 1 000 000 000 000.</summary>
    public const long MaxAmount = 1_000_000_000_000;
    public const int MaxWeight = 1_000;
    public const int MaxDistrictWeightPercent = 1_000;
    public const long MaxRoundingUnit = 1_000_000;

    /// <summary>
    /// Weight of scores 1, 2, 3, 4 and 5 (five values, 1–1000). In a shortfall a line's claim is
    /// its applied amount times its weight, so by default a line scored 5 keeps five times the share
    /// of its application that a line scored 1 keeps.
    /// </summary>
    public IReadOnlyList<int> ScoreWeights { get; init; } = [20, 40, 60, 80, 100];

    /// <summary>District municipalities' weight in per cent of the others' (100–1000); 125 weighs them up by a quarter.</summary>
    public int DistrictWeightPercent { get; init; } = 125;

    /// <summary>A line is not given a token sum: a reduced amount below this (whole kroner) becomes 0. 0 turns the rule off.</summary>
    public long MinimumAmount { get; init; } = 10_000;

    /// <summary>Reduced amounts are rounded down to whole multiples of this (whole kroner); 1 means no rounding.</summary>
    public long RoundingUnit { get; init; } = 1_000;

    /// <summary>
    /// Settings as stored on the scheme year, a round or a scenario (JSON); each one left out is taken from <see cref="Default"/>,
    /// and weights stored in another shape than one per score 1-5 are not trusted.
    /// </summary>
    public static AllocationSettings Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || DomainJson.Deserialize<Stored>(json) is not { } s)
        {
            return Default;
        }
        return new AllocationSettings
        {
            ScoreWeights = s.ScoreWeights is { Count: 5 } weights ? weights : Default.ScoreWeights,
            DistrictWeightPercent = s.DistrictWeightPercent ?? Default.DistrictWeightPercent,
            MinimumAmount = s.MinimumAmount ?? Default.MinimumAmount,
            RoundingUnit = s.RoundingUnit ?? Default.RoundingUnit,
        };
    }

    /// <summary>The stored shape: every setting may be left out.</summary>
    private sealed record Stored(List<int>? ScoreWeights, int? DistrictWeightPercent, long? MinimumAmount, long? RoundingUnit);

    public int WeightOf(int score) => score is >= 1 and <= 5 ? ScoreWeights[score - 1] : 0;

    /// <summary>What is wrong with these settings, as (field under "settings.", Norwegian message); empty when they are usable.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (ScoreWeights.Count != 5 || ScoreWeights.Any(w => w is < 1 or > MaxWeight))
        {
            yield return ("scoreWeights", Format.Text(DomainTexts.AllocationSettings_ScoreWeights, MaxWeight));
        }
        if (DistrictWeightPercent is < 100 or > MaxDistrictWeightPercent)
        {
            yield return ("districtWeightPercent", Format.Text(DomainTexts.AllocationSettings_DistrictWeight, MaxDistrictWeightPercent));
        }
        if (MinimumAmount is < 0 or > MaxAmount)
        {
            yield return ("minimumAmount", Format.Text(DomainTexts.AllocationSettings_Minimum, Format.Nok(MaxAmount)));
        }
        if (RoundingUnit is < 1 or > MaxRoundingUnit)
        {
            yield return ("roundingUnit", Format.Text(DomainTexts.AllocationSettings_Rounding, Format.Nok(MaxRoundingUnit)));
        }
    }
}
