using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// The applicant confirms whether it has an adopted competence plan. Strategic competence planning is
/// expected, not a condition, so "no" is a warning, and no answer is an error.
/// </summary>
public static class CompetencePlanIsConfirmed
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        if (application.CompetencePlanAdopted is null)
        {
            yield return ValidationIssue.Error("competencePlanAdopted", "competence-plan-unanswered",
                RuleTexts.CompetencePlanIsConfirmed_CompetencePlanUnanswered);
        }
        else if (application.CompetencePlanAdopted == false)
        {
            yield return ValidationIssue.Warning("competencePlanAdopted", "competence-plan-missing",
                RuleTexts.CompetencePlanIsConfirmed_CompetencePlanMissing);
        }
    }
}
