using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// BPA training is applied for per role (work leaders, caseworkers, assistants, in that priority order),
/// each role once, with persons and an amount per person.
/// </summary>
public static class BpaTrainingIsComplete
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var seen = new HashSet<BpaRole>();
        for (var i = 0; i < application.BpaTrainings.Count; i++)
        {
            var b = application.BpaTrainings[i];
            var at = $"bpaTrainings[{i}]";
            if (b.Role is null)
            {
                yield return ValidationIssue.Error($"{at}.role", "bpa-role-missing", RuleTexts.BpaTrainingIsComplete_BpaRoleMissing);
            }
            else if (!Enum.IsDefined(b.Role.Value))
            {
                yield return ValidationIssue.Error($"{at}.role", "bpa-role-unknown", RuleTexts.BpaTrainingIsComplete_BpaRoleUnknown);
            }
            else if (!seen.Add(b.Role.Value))
            {
                yield return ValidationIssue.Error($"{at}.role", "bpa-role-repeated",
                    Format.Text(RuleTexts.BpaTrainingIsComplete_BpaRoleRepeated, Norwegian(b.Role.Value)));
            }
            if (b.AmountPerPerson is null or 0)
            {
                yield return ValidationIssue.Error($"{at}.amountPerPerson", "amount-missing",
                    RuleTexts.BpaTrainingIsComplete_AmountMissing);
            }
        }
    }

    public static string Norwegian(BpaRole role) => role switch
    {
        BpaRole.WorkLeader => RuleTexts.BpaRole_WorkLeader,
        BpaRole.Caseworker => RuleTexts.BpaRole_Caseworker,
        BpaRole.Assistant => RuleTexts.BpaRole_Assistant,
        _ => role.ToString(),
    };
}
