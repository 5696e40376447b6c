using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// A service-development project is assessed on the applicant's own texts (Regelverk pkt. 4), needs
/// an amount, control measures, and the signature of the chief municipal executive or a delegate.
/// </summary>
public static class ProjectIsComplete
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        for (var i = 0; i < application.Projects.Count; i++)
        {
            var p = application.Projects[i];
            var at = $"projects[{i}]";
            var c = p.Criteria ?? new ProjectCriteria();
            var required = new (string Field, string? Value, string Message)[]
            {
                ("title", p.Title, RuleTexts.ProjectIsComplete_TitleMissing),
                ("purpose", p.Purpose, RuleTexts.ProjectIsComplete_PurposeMissing),
                ("description", p.Description, RuleTexts.ProjectIsComplete_DescriptionMissing),
                ("criteria.needsAndChallenges", c.NeedsAndChallenges, RuleTexts.ProjectIsComplete_NeedsAndChallengesMissing),
                ("criteria.goalsAndTargetGroups", c.GoalsAndTargetGroups, RuleTexts.ProjectIsComplete_GoalsAndTargetGroupsMissing),
                ("criteria.organisationAndPartners", c.OrganisationAndPartners, RuleTexts.ProjectIsComplete_OrganisationAndPartnersMissing),
                ("criteria.expectedGains", c.ExpectedGains, RuleTexts.ProjectIsComplete_ExpectedGainsMissing),
                ("criteria.anchoring", c.Anchoring, RuleTexts.ProjectIsComplete_AnchoringMissing),
                ("criteria.userParticipation", c.UserParticipation, RuleTexts.ProjectIsComplete_UserParticipationMissing),
                ("controlMeasures", p.ControlMeasures, RuleTexts.ProjectIsComplete_ControlMeasuresMissing),
                ("signedBy.name", p.SignedBy?.Name, RuleTexts.ProjectIsComplete_SignedByNameMissing),
                ("signedBy.role", p.SignedBy?.Role, RuleTexts.ProjectIsComplete_SignedByRoleMissing),
            };
            foreach (var (field, value, message) in required)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return ValidationIssue.Error($"{at}.{field}", "required", message);
                }
            }
            if (p.Themes.Count == 0)
            {
                yield return ValidationIssue.Error($"{at}.themes", "themes-missing", RuleTexts.ProjectIsComplete_ThemesMissing);
            }
            if (p.AmountApplied is null or 0)
            {
                yield return ValidationIssue.Error($"{at}.amountApplied", "amount-missing", RuleTexts.ProjectIsComplete_AmountMissing);
            }
            if (p.Budget.Count == 0)
            {
                yield return ValidationIssue.Error($"{at}.budget", "budget-missing", RuleTexts.ProjectIsComplete_BudgetMissing);
            }
        }
    }
}
