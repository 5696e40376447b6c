using Ktu.Web.Domain.Applications;
using Ktu.Web.Features.Applications;
using static Ktu.UnitTests.Domain.Applications.Examples;

namespace Ktu.UnitTests.Features.Applications;

public sealed class DraftShapeTests
{
    private static ApplicationInput Input(ApplicationContent c, int? version = 1) => new()
    {
        Version = version,
        AccountNumber = c.AccountNumber,
        Contact = c.Contact,
        CompetencePlanAdopted = c.CompetencePlanAdopted,
        Description = c.Description,
        CompetenceMeasures = c.CompetenceMeasures.ToList(),
        BpaTrainings = c.BpaTrainings.ToList(),
        Projects = c.Projects.ToList(),
    };

    [Fact]
    public void A_complete_application_has_the_right_shape() => Assert.Empty(DraftShape.Check(Input(Complete())));

    [Fact]
    public void A_sixth_project_and_negative_numbers_are_left_to_the_rules_so_the_draft_keeps_them()
    {
        var content = Complete() with
        {
            Projects = Enumerable.Range(1, 6).Select(Project).ToList(),
            CompetenceMeasures = [Complete().CompetenceMeasures[0] with { Amount = -5, Persons = -1 }],
        };
        Assert.Empty(DraftShape.Check(Input(content)));
    }

    [Fact]
    public void A_megabyte_of_text_is_refused_naming_the_field()
    {
        var content = Complete() with { Projects = [Project(1) with { Purpose = new string('x', 1 << 20) }] };
        Assert.Contains("for lang", Assert.Single(DraftShape.Check(Input(content))["projects[0].purpose"]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_absurd_amount_is_refused() =>
        Assert.True(DraftShape.Check(Input(Complete() with { BpaTrainings = [Complete().BpaTrainings[0] with { AmountPerPerson = 2_000_000_000 }] }))
            .ContainsKey("bpaTrainings[0].amountPerPerson"));

    [Fact]
    public void The_version_is_required() => Assert.True(DraftShape.Check(Input(Complete(), version: null)).ContainsKey("version"));

    [Fact]
    public void Json_nulls_for_rows_and_lists_become_empty_instead_of_failing()
    {
        var input = new ApplicationInput { Version = 1, CompetenceMeasures = [null], Projects = [Project(1) with { Budget = null!, Themes = null! }] };
        var content = input.ToContent();
        Assert.Empty(content.CompetenceMeasures);
        Assert.Empty(content.Projects[0].Budget);
        Assert.Empty(content.Projects[0].Themes);
    }
}
