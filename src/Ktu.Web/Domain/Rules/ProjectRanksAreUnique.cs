using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>The applicant ranks its projects 1..n, each rank once, so the embete knows what matters most.</summary>
public static class ProjectRanksAreUnique
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var n = application.Projects.Count;
        var counts = application.Projects
            .Where(p => p.Priority is not null)
            .GroupBy(p => p.Priority!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < n; i++)
        {
            var field = $"projects[{i}].priority";
            var rank = application.Projects[i].Priority;
            if (rank is null)
            {
                yield return ValidationIssue.Error(field, "priority-missing", $"Gi tiltaket en prioritet fra 1 til {n}, der 1 er viktigst.");
            }
            else if (rank < 1 || rank > n)
            {
                yield return ValidationIssue.Error(field, "priority-out-of-range", $"Prioriteten må være et tall fra 1 til {n}, der 1 er viktigst.");
            }
            else if (counts[rank.Value] > 1)
            {
                yield return ValidationIssue.Error(field, "priority-duplicate",
                    $"Prioritet {rank} er brukt på flere tiltak. Hvert tiltak skal ha sin egen prioritet fra 1 til {n}.");
            }
        }
    }
}
