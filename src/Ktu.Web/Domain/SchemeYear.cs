namespace Ktu.Web.Domain;

/// <summary>
/// One year of the grant scheme with its own rules. The rules shift a little every year,
/// so they are data here, never code branches.
/// </summary>
public sealed class SchemeYear
{
    /// <summary>The themes with money set aside for them in the embete's pot.</summary>
    public IReadOnlyCollection<string> EarmarkedThemes(string embeteId) =>
        Pots.Where(p => p.EmbeteId == embeteId).SelectMany(p => p.Earmarks).Select(e => e.ThemeCode).ToHashSet(StringComparer.Ordinal);

    public required int Year { get; init; }
    public required string Name { get; set; }
    /// <summary>In preparation the directorate may change everything; once published (the call is out) the rules are frozen.</summary>
    public SchemeStatus Status { get; set; } = SchemeStatus.Preparation;
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Concurrency token: raised by every change, so two editors cannot overwrite each other unseen.</summary>
    public int Version { get; set; } = 1;
    /// <summary>The goal of the grant as the year's rules state it; printed in every grant letter.</summary>
    public string GoalText { get; set; } = "";
    /// <summary>What the project part is called this year: "Innovasjonsprosjekter" until 2022, "Tjenesteutviklingstiltak" from 2023.</summary>
    public string ProjectPartName { get; set; } = "";
    /// <summary>How far (per cent) a report's spending may differ from the granted amount per part before the embete must look at it.</summary>
    public int ReportVariancePercent { get; set; } = 10;
    /// <summary>
    /// How many years ahead unused money may be transferred on application. Regelverk: "as a rule one year"; the pandemic
    /// years allowed more, so it is a setting of the year.
    /// </summary>
    public int MaxTransferYears { get; set; } = 1;
    /// <summary>The national letter texts an embete may not change (JSON of the Documents' fixed texts); null for KTU's standard texts.</summary>
    public string? FixedLetterTextsJson { get; set; }
    /// <summary>Last moment an application is accepted (UTC instant).</summary>
    public required DateTimeOffset ApplicationDeadline { get; set; }
    public required DateOnly ReportDeadline { get; set; }
    public int MaxProjects { get; set; } = 5;
    /// <summary>Whole kroner.</summary>
    public long AuditorThreshold { get; set; } = 200_000;
    public ThresholdComparison AuditorComparison { get; set; } = ThresholdComparison.AtLeast;
    /// <summary>Centrality class from which a municipality counts as a district municipality (KDD counts 4-6).</summary>
    public int DistrictFromCentrality { get; set; } = 4;
    /// <summary>National amount in whole kroner, when known.</summary>
    public long? NationalAmount { get; set; }
    /// <summary>The allocation proposal's default settings for this year (JSON, read by the allocation feature); null for KTU's defaults.</summary>
    public string? AllocationSettingsJson { get; set; }

    public List<SchemeEducationType> EducationTypes { get; set; } = [];
    public List<SchemeTheme> Themes { get; set; } = [];
    public List<SchemeApplicantRule> ApplicantRules { get; set; } = [];
    public List<Pot> Pots { get; set; } = [];

    public bool IsPublished => Status == SchemeStatus.Published;

    /// <summary>The embete's pot in whole kroner: its share of the national amount plus money transferred from earlier years.</summary>
    public long PotTotal(string embeteId) => Pots.FirstOrDefault(p => p.EmbeteId == embeteId)?.Total ?? 0;

    public bool IsEligible(OrganisationKind kind) => ApplicantRules.Any(r => r.Kind == kind && r.Parts != ApplicationParts.None);

    public ApplicationParts PartsFor(OrganisationKind kind) =>
        ApplicantRules.FirstOrDefault(r => r.Kind == kind)?.Parts ?? ApplicationParts.None;

    /// <summary>Education types an applicant of the given kind may apply for, in the scheme's order.</summary>
    public IReadOnlyList<SchemeEducationType> EducationTypesFor(OrganisationKind kind)
    {
        var rule = ApplicantRules.FirstOrDefault(r => r.Kind == kind);
        if (rule is null || !rule.Parts.HasFlag(ApplicationParts.Competence))
        {
            return [];
        }
        var only = rule.OnlyEducationTypes;
        return EducationTypes
            .Where(e => only.Count == 0 || only.Contains(e.Code))
            .OrderBy(e => e.SortOrder)
            .ToList();
    }
}
