namespace Ktu.Web.Domain.Applications;

/// <summary>Totals per part and overall in whole kroner, and the themes of the projects (part 5 of the form).</summary>
public sealed record ApplicationSummary(long Competence, long Bpa, long Projects, long Total, IReadOnlyList<string> Themes)
{
    public static ApplicationSummary From(ApplicationContent content)
    {
        var competence = content.CompetenceMeasures.Sum(m => m.Amount ?? 0);
        var bpa = content.BpaTrainings.Sum(b => b.Total ?? 0);
        var projects = content.Projects.Sum(p => p.AmountApplied ?? 0);
        var themes = content.Projects
            .SelectMany(p => p.Themes)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new(competence, bpa, projects, competence + bpa + projects, themes);
    }
}
