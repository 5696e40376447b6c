using System.Globalization;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Domain.Assessment;

/// <summary>Turns a submitted application into the lines that are assessed, allocated and decided.</summary>
public static class CaseLines
{
    /// <param name="earmarkedThemes">Themes with an earmark in the embete's pot: a project with such a theme draws on it.</param>
    public static IReadOnlyList<CaseLine> From(ApplicationContent content, SchemeYear scheme, IReadOnlyCollection<string> earmarkedThemes)
    {
        var lines = new List<CaseLine>();
        var educationNames = scheme.EducationTypes.ToDictionary(e => e.Code, e => e.Name, StringComparer.Ordinal);
        for (var i = 0; i < content.CompetenceMeasures.Count; i++)
        {
            var m = content.CompetenceMeasures[i];
            var amount = m.Amount ?? 0;
            if (amount <= 0 || string.IsNullOrEmpty(m.EducationType))
            {
                continue;
            }
            var name = educationNames.GetValueOrDefault(m.EducationType, m.EducationType);
            var persons = Math.Max(0, m.Persons ?? 0);
            var continuing = Math.Clamp(m.ContinuingPersons ?? 0, 0, persons);
            var id = "kompetanse-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (continuing > 0 && continuing < persons)
            {
                // The amount is split by persons: the regelverk ranks continuing persons first.
                var forContinuing = amount * continuing / persons;
                lines.Add(new(id + "-videreforing", DecisionPart.Competence, $"{name}, videreføring ({Persons(continuing)})", forContinuing, m.EducationType, Continuation: true));
                lines.Add(new(id + "-nye", DecisionPart.Competence, $"{name}, nye ({Persons(persons - continuing)})", amount - forContinuing, m.EducationType));
            }
            else if (continuing > 0)
            {
                lines.Add(new(id + "-videreforing", DecisionPart.Competence, $"{name}, videreføring ({Persons(continuing)})", amount, m.EducationType, Continuation: true));
            }
            else
            {
                lines.Add(new(id + "-nye", DecisionPart.Competence, $"{name} ({Persons(persons)})", amount, m.EducationType));
            }
        }
        for (var i = 0; i < content.BpaTrainings.Count; i++)
        {
            var b = content.BpaTrainings[i];
            if (b.Total is not > 0 || b.Role is null)
            {
                continue;
            }
            lines.Add(new("bpa-" + (i + 1).ToString(CultureInfo.InvariantCulture), DecisionPart.Bpa,
                Format.Text(CaseTexts.Line_Bpa, RoleName(b.Role.Value), Persons(b.Persons ?? 0)), b.Total.Value, BpaRole: b.Role));
        }
        for (var i = 0; i < content.Projects.Count; i++)
        {
            var p = content.Projects[i];
            var amount = p.AmountApplied ?? 0;
            if (amount <= 0)
            {
                continue;
            }
            var theme = p.Themes.FirstOrDefault(earmarkedThemes.Contains) ?? (p.Themes.Count > 0 ? p.Themes[0] : null);
            var title = string.IsNullOrWhiteSpace(p.Title) ? CaseTexts.Line_ProjectUntitled : p.Title.Trim();
            lines.Add(new("prosjekt-" + (i + 1).ToString(CultureInfo.InvariantCulture), DecisionPart.Project,
                Format.Text(CaseTexts.Line_Project, p.Priority ?? i + 1, title), amount, Theme: theme));
        }
        return lines;
    }

    public static string RoleName(BpaRole role) => role switch
    {
        BpaRole.WorkLeader => CaseTexts.BpaRole_WorkLeader,
        BpaRole.Caseworker => CaseTexts.BpaRole_Caseworker,
        _ => CaseTexts.BpaRole_Assistant,
    };

    public static string PartName(DecisionPart part) => part switch
    {
        DecisionPart.Competence => CaseTexts.Part_Competence,
        DecisionPart.Bpa => CaseTexts.Part_Bpa,
        _ => CaseTexts.Part_Projects,
    };

    private static string Persons(int n) => n == 1 ? CaseTexts.Persons_One : Format.Text(CaseTexts.Persons_Many, n);
}
