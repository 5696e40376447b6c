using Ktu.Web.Domain;

namespace Ktu.Web.Documents;

/// <summary>
/// The texts a grant letter is made from, for one scheme year. The facts (deadline, auditor threshold
/// and how it is compared) and <see cref="Fixed"/> are set nationally from the scheme's rules and may not
/// be changed by an embete; <see cref="Embete"/> holds the greeting, contact line and closing an embete
/// may write itself. Texts may use the codes in <see cref="LetterPlaceholders"/>. Stored as JSON with
/// every letter (<see cref="GrantLetterTemplateJson"/>), so the words a letter was made from can be shown later.
/// </summary>
internal sealed record GrantLetterTemplate
{
    /// <summary>Shape of the stored JSON; raise it when fields change meaning.</summary>
    public int FormatVersion { get; init; } = 1;
    public required int SchemeYear { get; init; }
    public required string SchemeName { get; init; }
    public required DateOnly ReportDeadline { get; init; }
    /// <summary>Whole kroner.</summary>
    public required long AuditorThreshold { get; init; }
    public required ThresholdComparison AuditorComparison { get; init; }
    public required GrantLetterFixedTexts Fixed { get; init; }
    public required GrantLetterEmbeteTexts Embete { get; init; }

    /// <summary>True when the template was made from this scheme year's auditor rule (the report deadline may be the embete's own).</summary>
    public bool Matches(SchemeYear scheme) =>
        scheme.Year == SchemeYear
        && scheme.AuditorThreshold == AuditorThreshold
        && scheme.AuditorComparison == AuditorComparison;

    /// <summary>The year's template for an embete: the year's national texts, and the embete's own report deadline when it has set one.</summary>
    public static GrantLetterTemplate Default(SchemeYear scheme, DateOnly? embeteReportDeadline = null) =>
        Default(scheme.Year, embeteReportDeadline ?? scheme.ReportDeadline, scheme.AuditorThreshold, scheme.AuditorComparison, scheme.Name) with
        {
            Fixed = GrantLetterFixedTexts.For(scheme),
        };

    /// <summary>
    /// The standard texts, taken from the scheme's rules (Regelverk pkt. 5, 8, 9, 10 and 11) and the
    /// county governors' presentations of the scheme (seeds 000-004).
    /// </summary>
    public static GrantLetterTemplate Default(
        int schemeYear,
        DateOnly reportDeadline,
        long auditorThreshold,
        ThresholdComparison auditorComparison = ThresholdComparison.AtLeast,
        string schemeName = "Kompetanse- og tjenesteutviklingstilskudd") => new()
        {
            SchemeYear = schemeYear,
            SchemeName = schemeName,
            ReportDeadline = reportDeadline,
            AuditorThreshold = auditorThreshold,
            AuditorComparison = auditorComparison,
            Fixed = GrantLetterFixedTexts.Default(SchemeStandardTexts.GoalSince2023, auditorComparison),
            Embete = GrantLetterEmbeteTexts.Default(),
        };
}
