using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Which parts may be applied for depends on the scheme year and the applicant type, e.g. 2025:
/// a county municipality may only apply for competence measures in mental health and substance abuse.
/// </summary>
public static class PartsFollowTheApplicantType
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var offered = context.OfferedParts;
        var who = context.ApplicantKind.Norwegian().ToLowerInvariant();
        if (application.CompetenceMeasures.Count > 0 && !offered.HasFlag(ApplicationParts.Competence))
        {
            yield return ValidationIssue.Error("competenceMeasures", "part-not-offered",
                Format.Text(RuleTexts.PartsFollowTheApplicantType_CompetenceNotOffered, who, context.Scheme.Year));
        }
        if (application.BpaTrainings.Count > 0 && !offered.HasFlag(ApplicationParts.Bpa))
        {
            yield return ValidationIssue.Error("bpaTrainings", "part-not-offered",
                Format.Text(RuleTexts.PartsFollowTheApplicantType_BpaNotOffered, who, context.Scheme.Year));
        }
        if (application.Projects.Count > 0 && !offered.HasFlag(ApplicationParts.Projects))
        {
            yield return ValidationIssue.Error("projects", "part-not-offered",
                Format.Text(RuleTexts.PartsFollowTheApplicantType_ProjectsNotOffered, who, context.Scheme.Year));
        }
    }
}
