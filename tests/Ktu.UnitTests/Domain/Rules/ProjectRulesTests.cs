using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using static Ktu.UnitTests.Domain.Applications.Examples;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class AtMostFiveProjectsPerApplicationTests
{
    private static ApplicationContent WithProjects(int n) =>
        Complete() with { Projects = Enumerable.Range(1, n).Select(Project).ToList() };

    [Fact]
    public void Five_projects_are_allowed() =>
        Assert.Empty(AtMostFiveProjectsPerApplication.Check(WithProjects(5), Municipality()));

    [Fact]
    public void Submit_is_refused_when_six_projects_are_listed()
    {
        var issues = Issues(WithProjects(6));

        var issue = Assert.Single(issues, i => i.Code == "too-many-projects");
        Assert.Equal(("projects[5]", IssueSeverity.Error), (issue.Field, issue.Severity));
        Assert.True(ApplicationRules.HasErrors(issues));
    }
}

public sealed class ProjectRanksAreUniqueTests
{
    private static IEnumerable<ValidationIssue> Ranks(params int?[] ranks) => ProjectRanksAreUnique.Check(
        Complete() with { Projects = ranks.Select(r => Project(1) with { Priority = r }).ToList() }, Municipality());

    [Fact]
    public void Ranks_one_to_n_in_any_order_are_fine() => Assert.Empty(Ranks(3, 1, 2));

    [Fact]
    public void Submit_is_refused_when_two_projects_share_a_rank() =>
        Assert.Equal(["projects[0].priority", "projects[2].priority"],
            Ranks(2, 1, 2).Where(i => i.Code == "priority-duplicate").Select(i => i.Field));

    [Fact]
    public void Submit_is_refused_when_a_rank_is_missing_or_outside_one_to_n() =>
        Assert.Equal(["priority-missing", "priority-out-of-range", "priority-out-of-range"], Ranks(null, 0, 4).Select(i => i.Code));
}

public sealed class ProjectIsCompleteTests
{
    [Fact]
    public void A_complete_project_passes() => Assert.Empty(ProjectIsComplete.Check(Complete(), Municipality()));

    [Fact]
    public void Submit_is_refused_when_a_project_is_not_signed() =>
        Assert.Equal(["projects[0].signedBy.name", "projects[0].signedBy.role"],
            ProjectIsComplete.Check(Complete() with { Projects = [Project(1) with { SignedBy = null }] }, Municipality()).Select(i => i.Field));

    [Fact]
    public void Submit_is_refused_when_an_assessment_text_is_empty() =>
        Assert.Equal("projects[0].criteria.userParticipation", Assert.Single(ProjectIsComplete.Check(
            Complete() with { Projects = [Project(1) with { Criteria = Project(1).Criteria! with { UserParticipation = " " } }] }, Municipality())).Field);

    [Fact]
    public void Submit_is_refused_when_no_theme_or_amount_is_given() =>
        Assert.Equal(["themes-missing", "amount-missing"], ProjectIsComplete.Check(
            Complete() with { Projects = [Project(1) with { Themes = [], AmountApplied = null }] }, Municipality()).Select(i => i.Code));
}

public sealed class ThemesAreOfTheSchemeYearTests
{
    [Fact]
    public void Several_themes_of_the_year_are_allowed() =>
        Assert.Empty(ThemesAreOfTheSchemeYear.Check(Complete() with { Projects = [Project(1) with { Themes = ["forebygging", "avlastning"] }] }, Municipality()));

    [Fact]
    public void Submit_is_refused_when_a_theme_is_not_of_the_year() =>
        Assert.Equal("projects[0].themes[1]", Assert.Single(ThemesAreOfTheSchemeYear.Check(
            Complete() with { Projects = [Project(1) with { Themes = ["forebygging", "romfart"] }] }, Municipality())).Field);
}

public sealed class ProjectBudgetBalancesTests
{
    [Fact]
    public void A_budget_covered_by_own_financing_and_the_amount_applied_for_passes() =>
        Assert.Empty(ProjectBudgetBalances.Check(Complete(), Municipality()));

    [Fact]
    public void A_gap_in_the_budget_is_a_warning_that_does_not_block_submission()
    {
        var issue = Assert.Single(ProjectBudgetBalances.Check(Complete() with { Projects = [Project(1) with { OwnFinancing = 0 }] }, Municipality()));
        Assert.Equal((IssueSeverity.Warning, "budget-unbalanced"), (issue.Severity, issue.Code));
    }

    [Fact]
    public void Submit_is_refused_when_more_is_applied_for_than_the_whole_budget() =>
        Assert.Contains(ProjectBudgetBalances.Check(Complete() with { Projects = [Project(1) with { AmountApplied = 150_000, OwnFinancing = 0 }] }, Municipality()),
            i => i is { Code: "amount-above-budget", Severity: IssueSeverity.Error });
}
