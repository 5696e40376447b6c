using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>An application without a single measure, training or project has nothing to assess.</summary>
public static class ApplicationAppliesForSomething
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        if (application.CompetenceMeasures.Count == 0 && application.BpaTrainings.Count == 0 && application.Projects.Count == 0)
        {
            yield return ValidationIssue.Error("", "nothing-applied-for",
                RuleTexts.ApplicationAppliesForSomething_NothingAppliedFor);
        }
    }
}
