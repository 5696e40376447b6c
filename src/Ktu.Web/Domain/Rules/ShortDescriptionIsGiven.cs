using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Part 1 asks for a short description of what the organisation applies for.</summary>
public static class ShortDescriptionIsGiven
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        if (string.IsNullOrWhiteSpace(application.Description))
        {
            yield return ValidationIssue.Error("description", "description-missing",
                RuleTexts.ShortDescriptionIsGiven_DescriptionMissing);
        }
    }
}
