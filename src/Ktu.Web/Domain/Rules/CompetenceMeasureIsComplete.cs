using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Each competence measure says how much is applied for and what it is for.</summary>
public static class CompetenceMeasureIsComplete
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        for (var i = 0; i < application.CompetenceMeasures.Count; i++)
        {
            var m = application.CompetenceMeasures[i];
            if (m.Amount is null or 0)
            {
                yield return ValidationIssue.Error($"competenceMeasures[{i}].amount", "amount-missing",
                    RuleTexts.CompetenceMeasureIsComplete_AmountMissing);
            }
            if (string.IsNullOrWhiteSpace(m.Description))
            {
                yield return ValidationIssue.Warning($"competenceMeasures[{i}].description", "description-missing",
                    RuleTexts.CompetenceMeasureIsComplete_DescriptionMissing);
            }
        }
    }
}
