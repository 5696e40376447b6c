using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Competence measures are applied for per education type of the scheme year, and only the types offered to the applicant type.</summary>
public static class EducationTypeIsOfferedInSchemeYear
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var known = context.Scheme.EducationTypes.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var offered = context.Scheme.EducationTypesFor(context.ApplicantKind).Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < application.CompetenceMeasures.Count; i++)
        {
            var code = application.CompetenceMeasures[i].EducationType;
            var field = $"competenceMeasures[{i}].educationType";
            if (string.IsNullOrWhiteSpace(code))
            {
                yield return ValidationIssue.Error(field, "education-type-missing", RuleTexts.EducationTypeIsOfferedInSchemeYear_EducationTypeMissing);
            }
            else if (!known.Contains(code))
            {
                yield return ValidationIssue.Error(field, "education-type-unknown",
                    Format.Text(RuleTexts.EducationTypeIsOfferedInSchemeYear_EducationTypeUnknown, context.Scheme.Year));
            }
            else if (!offered.Contains(code))
            {
                yield return ValidationIssue.Error(field, "education-type-not-offered",
                    Format.Text(RuleTexts.EducationTypeIsOfferedInSchemeYear_EducationTypeNotOffered, context.ApplicantKind.Norwegian().ToLowerInvariant(), context.Scheme.Year));
            }
        }
    }
}
