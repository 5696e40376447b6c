using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Persons continuing an already funded education are counted among the persons of the row
/// (Regelverk: continuations are prioritised, so the number matters).
/// </summary>
public static class ContinuingPersonsAreAmongThePersons
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        for (var i = 0; i < application.CompetenceMeasures.Count; i++)
        {
            var m = application.CompetenceMeasures[i];
            if (m.ContinuingPersons is > 0 && m.Persons is { } persons && m.ContinuingPersons > persons)
            {
                yield return ValidationIssue.Error($"competenceMeasures[{i}].continuingPersons", "continuing-exceeds-persons",
                    Format.Text(RuleTexts.ContinuingPersonsAreAmongThePersons_ContinuingExceedsPersons, m.ContinuingPersons, persons));
            }
        }
    }
}
