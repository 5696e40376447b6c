using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// The budget's costs should be covered by own financing and the amount applied for. Reports are
/// compared with the budget line by line, so a gap is worth a warning; it does not block submission.
/// </summary>
public static class ProjectBudgetBalances
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        for (var i = 0; i < application.Projects.Count; i++)
        {
            var p = application.Projects[i];
            if (p.Budget.Count == 0 || p.AmountApplied is null)
            {
                continue;
            }
            var costs = p.Budget.Sum(b => b.Amount ?? 0);
            var covered = (p.OwnFinancing ?? 0) + p.AmountApplied.Value;
            if (costs != covered)
            {
                yield return ValidationIssue.Warning($"projects[{i}].budget", "budget-unbalanced",
                    Format.Text(RuleTexts.ProjectBudgetBalances_BudgetUnbalanced, Format.Nok(costs), Format.Nok(covered)));
            }
            if (p.AmountApplied > costs && costs > 0)
            {
                yield return ValidationIssue.Error($"projects[{i}].amountApplied", "amount-above-budget",
                    RuleTexts.ProjectBudgetBalances_AmountAboveBudget);
            }
        }
    }
}
