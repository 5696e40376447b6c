using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Amounts and numbers of persons are zero or more. The draft keeps a negative number so the user sees what was typed.</summary>
public static class NumbersAreNotNegative
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        foreach (var n in ApplicationFields.Numbers(application))
        {
            if (n.Value is < 0)
            {
                yield return n.IsPersons
                    ? ValidationIssue.Error(n.Path, "persons-negative", RuleTexts.NumbersAreNotNegative_PersonsNegative)
                    : ValidationIssue.Error(n.Path, "amount-negative", RuleTexts.NumbersAreNotNegative_AmountNegative);
            }
        }
    }
}
