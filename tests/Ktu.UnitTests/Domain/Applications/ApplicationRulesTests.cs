using Ktu.Web.Domain.Applications;
using static Ktu.UnitTests.Domain.Applications.Examples;

namespace Ktu.UnitTests.Domain.Applications;

public sealed class ApplicationRulesTests
{
    [Fact]
    public void A_complete_application_has_no_errors() =>
        Assert.DoesNotContain(Issues(Complete()), i => i.Severity == IssueSeverity.Error);

    [Fact]
    public void An_empty_draft_has_errors_but_every_issue_has_a_field_code_and_norwegian_message()
    {
        var issues = Issues(ApplicationContent.Empty);

        Assert.True(ApplicationRules.HasErrors(issues));
        Assert.All(issues, i =>
        {
            Assert.NotNull(i.Field);
            Assert.Matches("^[a-z0-9-]+$", i.Code);
            Assert.EndsWith(".", i.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_summary_totals_each_part_and_lists_the_project_themes()
    {
        var summary = ApplicationSummary.From(Complete());

        Assert.Equal(90_000, summary.Competence);
        Assert.Equal(20_000, summary.Bpa);
        Assert.Equal(80_000, summary.Projects);
        Assert.Equal(190_000, summary.Total);
        Assert.Equal(["forebygging"], summary.Themes);
    }
}
