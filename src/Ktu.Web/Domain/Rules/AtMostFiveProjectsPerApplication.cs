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
                $"Dere kan søke om høyst {max} tjenesteutviklingstiltak, men har {application.Projects.Count}. " +
                "Alt er lagret. Fjern eller slå sammen tiltak før dere sender søknaden.");
        }
    }
}
