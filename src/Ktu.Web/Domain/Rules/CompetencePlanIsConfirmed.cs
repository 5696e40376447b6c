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
                "Svar på om organisasjonen har en vedtatt kompetanseplan.");
        }
        else if (application.CompetencePlanAdopted == false)
        {
            yield return ValidationIssue.Warning("competencePlanAdopted", "competence-plan-missing",
                "Det er forventet at søkeren har en vedtatt kompetanseplan. Du kan likevel sende søknaden.");
        }
    }
}
