using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using static Ktu.UnitTests.Domain.Applications.Examples;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class PartsFollowTheApplicantTypeTests
{
    [Fact]
    public void A_municipality_may_apply_for_every_part() =>
        Assert.Empty(PartsFollowTheApplicantType.Check(Complete(), Municipality()));

    [Fact]
    public void Submit_is_refused_when_a_county_municipality_applies_for_bpa_or_projects_in_2025() =>
        Assert.Equal(["bpaTrainings", "projects"],
            PartsFollowTheApplicantType.Check(Complete(), CountyMunicipality()).Select(i => i.Field));
}

public sealed class EducationTypeIsOfferedInSchemeYearTests
{
    private static ApplicationContent With(string? type) =>
        Complete() with { CompetenceMeasures = [Complete().CompetenceMeasures[0] with { EducationType = type }] };

    [Fact]
    public void Submit_is_refused_when_the_education_type_is_unknown() =>
        Assert.Equal("education-type-unknown", Assert.Single(EducationTypeIsOfferedInSchemeYear.Check(With("frisør"), Municipality())).Code);

    [Fact]
    public void A_county_municipality_may_only_apply_for_mental_health_and_substance_abuse_in_2025()
    {
        Assert.Equal("education-type-not-offered", Assert.Single(EducationTypeIsOfferedInSchemeYear.Check(With("videreutdanning"), CountyMunicipality())).Code);
        Assert.Empty(EducationTypeIsOfferedInSchemeYear.Check(With("psykisk-helse-rus"), CountyMunicipality()));
    }

    [Fact]
    public void A_row_without_education_type_is_an_error_on_that_row() =>
        Assert.Equal("competenceMeasures[0].educationType", Assert.Single(EducationTypeIsOfferedInSchemeYear.Check(With(null), Municipality())).Field);
}

public sealed class CompetenceMeasureIsCompleteTests
{
    [Fact]
    public void A_row_without_an_amount_is_an_error_and_a_missing_description_a_warning()
    {
        var content = Complete() with { CompetenceMeasures = [new() { EducationType = "abc", Persons = 2 }] };
        var issues = CompetenceMeasureIsComplete.Check(content, Municipality()).ToList();

        Assert.Contains(issues, i => i is { Field: "competenceMeasures[0].amount", Severity: IssueSeverity.Error });
        Assert.Contains(issues, i => i is { Field: "competenceMeasures[0].description", Severity: IssueSeverity.Warning });
    }
}

public sealed class PersonsAreNeededForAnAmountTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(null)]
    public void Submit_is_refused_when_an_amount_has_no_persons(int? persons)
    {
        var content = Complete() with
        {
            CompetenceMeasures = [Complete().CompetenceMeasures[0] with { Persons = persons, ContinuingPersons = null }],
            BpaTrainings = [Complete().BpaTrainings[0] with { Persons = persons }],
        };

        Assert.Equal(["competenceMeasures[0].persons", "bpaTrainings[0].persons"],
            PersonsAreNeededForAnAmount.Check(content, Municipality()).Select(i => i.Field));
    }

    [Fact]
    public void Negative_persons_are_left_to_the_negative_numbers_rule() =>
        Assert.Empty(PersonsAreNeededForAnAmount.Check(
            Complete() with { CompetenceMeasures = [Complete().CompetenceMeasures[0] with { Persons = -1 }] }, Municipality()));
}

public sealed class ContinuingPersonsAreAmongThePersonsTests
{
    [Fact]
    public void Submit_is_refused_when_more_persons_continue_than_take_part() =>
        Assert.Equal("competenceMeasures[0].continuingPersons", Assert.Single(ContinuingPersonsAreAmongThePersons.Check(
            Complete() with { CompetenceMeasures = [Complete().CompetenceMeasures[0] with { Persons = 3, ContinuingPersons = 4 }] }, Municipality())).Field);

    [Fact]
    public void All_persons_may_be_continuing() =>
        Assert.Empty(ContinuingPersonsAreAmongThePersons.Check(
            Complete() with { CompetenceMeasures = [Complete().CompetenceMeasures[0] with { Persons = 3, ContinuingPersons = 3 }] }, Municipality()));
}

public sealed class NumbersAreNotNegativeTests
{
    [Fact]
    public void Submit_is_refused_when_an_amount_or_a_number_of_persons_is_negative()
    {
        var content = Complete() with
        {
            CompetenceMeasures = [Complete().CompetenceMeasures[0] with { Amount = -1 }],
            BpaTrainings = [Complete().BpaTrainings[0] with { Persons = -2 }],
            Projects = [Complete().Projects[0] with { OwnFinancing = -3 }],
        };

        Assert.Equal(
            [("competenceMeasures[0].amount", "amount-negative"), ("bpaTrainings[0].persons", "persons-negative"), ("projects[0].ownFinancing", "amount-negative")],
            NumbersAreNotNegative.Check(content, Municipality()).Select(i => (i.Field, i.Code)));
    }
}

public sealed class BpaTrainingIsCompleteTests
{
    [Fact]
    public void Submit_is_refused_when_a_role_is_listed_twice()
    {
        var content = Complete() with { BpaTrainings = [Complete().BpaTrainings[0], Complete().BpaTrainings[0]] };
        var issue = Assert.Single(BpaTrainingIsComplete.Check(content, Municipality()));
        Assert.Equal(("bpaTrainings[1].role", "bpa-role-repeated"), (issue.Field, issue.Code));
    }

    [Fact]
    public void Submit_is_refused_when_a_role_is_missing_or_unknown()
    {
        var content = Complete() with { BpaTrainings = [new() { Persons = 1, AmountPerPerson = 1 }, new() { Role = (BpaRole)9, Persons = 1, AmountPerPerson = 1 }] };
        Assert.Equal(["bpa-role-missing", "bpa-role-unknown"], BpaTrainingIsComplete.Check(content, Municipality()).Select(i => i.Code));
    }

    [Fact]
    public void The_total_is_persons_times_amount_per_person() =>
        Assert.Equal(20_000, new BpaTraining { Role = BpaRole.Assistant, Persons = 4, AmountPerPerson = 5_000 }.Total);
}
