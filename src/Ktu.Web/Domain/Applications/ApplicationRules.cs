using Ktu.Web.Domain.Rules;

namespace Ktu.Web.Domain.Applications;

/// <summary>
/// All completeness rules of an application, in the order of the form. Every save and every read
/// returns their issues; only submission is blocked by errors.
/// </summary>
public static class ApplicationRules
{
    private static readonly Func<ApplicationContent, ApplicationRuleContext, IEnumerable<ValidationIssue>>[] All =
    [
        ApplicationsCloseAtTheDeadline.Check,
        ApplicationAppliesForSomething.Check,
        AccountNumberPassesMod11.Check,
        ContactPersonIsReachable.Check,
        CompetencePlanIsConfirmed.Check,
        ShortDescriptionIsGiven.Check,
        PartsFollowTheApplicantType.Check,
        EducationTypeIsOfferedInSchemeYear.Check,
        CompetenceMeasureIsComplete.Check,
        PersonsAreNeededForAnAmount.Check,
        ContinuingPersonsAreAmongThePersons.Check,
        BpaTrainingIsComplete.Check,
        AtMostFiveProjectsPerApplication.Check,
        ProjectRanksAreUnique.Check,
        ProjectIsComplete.Check,
        ThemesAreOfTheSchemeYear.Check,
        ProjectBudgetBalances.Check,
        NumbersAreNotNegative.Check,
        TextIsShownAsTyped.Check,
    ];

    public static IReadOnlyList<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context) =>
        All.SelectMany(rule => rule(application, context)).ToList();

    public static bool HasErrors(IEnumerable<ValidationIssue> issues) => issues.Any(i => i.Severity == IssueSeverity.Error);
}
