using Ktu.Web.Domain;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// Makes next year's rules from an existing year: same types, themes, rules, texts and pots (without money transferred or
/// the embeter's own deadlines, which belong to one year), new dates. The copy is in preparation until the directorate publishes it.
/// </summary>
public static class CopySchemeYear
{
    public static SchemeYear From(SchemeYear source, int year, DateTimeOffset deadline, DateOnly reportDeadline, string? name = null) => new()
    {
        Year = year,
        Name = name ?? source.Name,
        ApplicationDeadline = deadline,
        ReportDeadline = reportDeadline,
        MaxProjects = source.MaxProjects,
        AuditorThreshold = source.AuditorThreshold,
        AuditorComparison = source.AuditorComparison,
        DistrictFromCentrality = source.DistrictFromCentrality,
        NationalAmount = source.NationalAmount,
        Status = SchemeStatus.Preparation,
        GoalText = source.GoalText,
        ProjectPartName = source.ProjectPartName,
        ReportVariancePercent = source.ReportVariancePercent,
        MaxTransferYears = source.MaxTransferYears,
        FixedLetterTextsJson = source.FixedLetterTextsJson,
        AllocationSettingsJson = source.AllocationSettingsJson,
        EducationTypes = source.EducationTypes.Select(e => new SchemeEducationType { Code = e.Code, Name = e.Name, SortOrder = e.SortOrder }).ToList(),
        Themes = source.Themes.Select(t => new SchemeTheme { Code = t.Code, Name = t.Name, SortOrder = t.SortOrder, Earmarked = t.Earmarked }).ToList(),
        ApplicantRules = source.ApplicantRules.Select(r => new SchemeApplicantRule { Kind = r.Kind, Parts = r.Parts, OnlyEducationTypes = [.. r.OnlyEducationTypes] }).ToList(),
        Pots = source.Pots.Select(p => new Pot
        {
            EmbeteId = p.EmbeteId,
            Amount = p.Amount,
            IsDemoFigure = p.IsDemoFigure,
            Earmarks = p.Earmarks.Select(e => new Earmark { ThemeCode = e.ThemeCode, Amount = e.Amount }).ToList(),
        }).ToList(),
    };
}
