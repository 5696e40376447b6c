using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Money for competence measures and BPA training follows persons: an amount with no persons cannot be assessed.</summary>
public static class PersonsAreNeededForAnAmount
{
    private static string Message => RuleTexts.PersonsAreNeededForAnAmount_PersonsMissing;

    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        for (var i = 0; i < application.CompetenceMeasures.Count; i++)
        {
            var m = application.CompetenceMeasures[i];
            if (m.Amount is > 0 && m.Persons is null or 0)
            {
                yield return ValidationIssue.Error($"competenceMeasures[{i}].persons", "persons-needed", Message);
            }
        }
        for (var i = 0; i < application.BpaTrainings.Count; i++)
        {
            var b = application.BpaTrainings[i];
            if (b.AmountPerPerson is > 0 && b.Persons is null or 0)
            {
                yield return ValidationIssue.Error($"bpaTrainings[{i}].persons", "persons-needed", Message);
            }
        }
    }
}
