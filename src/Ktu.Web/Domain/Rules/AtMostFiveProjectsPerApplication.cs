using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Regelverk: at most five service-development projects per applicant (the number is a per-year setting).</summary>
public static class AtMostFiveProjectsPerApplication
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var max = context.Scheme.MaxProjects;
        if (application.Projects.Count > max)
        {
            yield return ValidationIssue.Error($"projects[{max}]", "too-many-projects",
                Format.Text(RuleTexts.AtMostFiveProjectsPerApplication_TooManyProjects, max, application.Projects.Count));
        }
    }
}
