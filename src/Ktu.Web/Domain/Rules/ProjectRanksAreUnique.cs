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
                yield return ValidationIssue.Error(field, "priority-missing", Format.Text(RuleTexts.ProjectRanksAreUnique_PriorityMissing, n));
            }
            else if (rank < 1 || rank > n)
            {
                yield return ValidationIssue.Error(field, "priority-out-of-range", Format.Text(RuleTexts.ProjectRanksAreUnique_PriorityOutOfRange, n));
            }
            else if (counts[rank.Value] > 1)
            {
                yield return ValidationIssue.Error(field, "priority-duplicate",
                    Format.Text(RuleTexts.ProjectRanksAreUnique_PriorityDuplicate, rank, n));
            }
        }
    }
}
