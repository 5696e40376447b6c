namespace Ktu.Web.Domain;

/// <summary>How the auditor threshold is compared: 2022 said "over 200 000", the 2025 call "fra 200 000 og mer".</summary>
public enum ThresholdComparison
{
    AtLeast = 1,
    Above = 2,
}
