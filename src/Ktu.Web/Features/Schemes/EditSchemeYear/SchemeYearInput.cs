namespace Ktu.Web.Features.Schemes;

/// <summary>A scheme year's settings as the directorate sends them; a field left out keeps what is stored.</summary>
public sealed record SchemeYearInput
{
    /// <summary>The version the editor saw (from GET /api/v1/schemes/{year}).</summary>
    public int? Version { get; init; }
    public string? Name { get; init; }
    public string? GoalText { get; init; }
    public string? ProjectPartName { get; init; }
    /// <summary>The national application deadline: the end of this day, Norwegian time.</summary>
    public DateOnly? ApplicationDeadline { get; init; }
    public DateOnly? ReportDeadline { get; init; }
    public int? MaxProjects { get; init; }
    public long? AuditorThreshold { get; init; }
    /// <summary>"atLeast" ("fra kr 200 000 og mer") or "above" ("over kr 200 000").</summary>
    public string? AuditorComparison { get; init; }
    public int? ReportVariancePercent { get; init; }
    /// <summary>How many years ahead unused money may be transferred on application (1 as a rule, at most 5).</summary>
    public int? MaxTransferYears { get; init; }
    public int? DistrictFromCentrality { get; init; }
    public List<EducationTypeInput>? EducationTypes { get; init; }
    public List<ThemeInput>? Themes { get; init; }
    public List<ApplicantRuleInput>? ApplicantRules { get; init; }
    public AllocationDefaultsInput? AllocationDefaults { get; init; }
    /// <summary>National letter texts by field name ("purpose", "reporting", ...); a field left out keeps the standard text.</summary>
    public Dictionary<string, string>? FixedLetterTexts { get; init; }
}

public sealed record EducationTypeInput(string? Code, string? Name);

public sealed record ThemeInput(string? Code, string? Name, bool Earmarked = false);

/// <param name="ApplicantType">"municipality", "countyMunicipality", "university" or "interMunicipalCompany".</param>
/// <param name="Parts">"competence", "bpa", "projects".</param>
/// <param name="OnlyEducationTypes">When not empty, the only education types this applicant type may apply for.</param>
public sealed record ApplicantRuleInput(string? ApplicantType, List<string>? Parts, List<string>? OnlyEducationTypes);

/// <summary>The year's default allocation settings; the allocation uses them until an officer changes its own.</summary>
public sealed record AllocationDefaultsInput(List<int>? ScoreWeights, int? DistrictWeightPercent, long? MinimumAmount, long? RoundingUnit);
