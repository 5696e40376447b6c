using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>The grant is paid to this account, so it must be eleven digits with a correct MOD11 check digit.</summary>
public static class AccountNumberPassesMod11
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        if (string.IsNullOrWhiteSpace(application.AccountNumber))
        {
            yield return ValidationIssue.Error("accountNumber", "account-number-missing",
                RuleTexts.AccountNumberPassesMod11_AccountNumberMissing);
            yield break;
        }
        if (!AccountNumber.TryParse(application.AccountNumber, out _, out var error))
        {
            yield return ValidationIssue.Error("accountNumber", "account-number-invalid",
                error + " Tilskuddet betales til dette kontoet, så det må være riktig.");
        }
    }
}
