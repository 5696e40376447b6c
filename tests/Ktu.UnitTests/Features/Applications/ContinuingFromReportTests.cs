using Ktu.Web.Features.Applications;

namespace Ktu.UnitTests.Features.Applications;

public sealed class ContinuingFromReportTests
{
    [Fact]
    public void Continuing_persons_go_on_the_row_of_their_education_type_or_on_a_new_row()
    {
        var rows = new List<CompetenceModel.MeasureForm>
        {
            new() { EducationType = "videreutdanning", Amount = "90000", Persons = "1" },
            new(),
        };
        ContinuingFromReport.Apply(rows, [new("videreutdanning", 2), new("vgs", 3), new("bachelor", 1)]);
        Assert.Equal(("2", "2"), (rows[0].Persons, rows[0].ContinuingPersons));
        Assert.Equal(("vgs", "3", "3"), (rows[1].EducationType, rows[1].Persons, rows[1].ContinuingPersons));
        Assert.Equal(("bachelor", "1"), (rows[2].EducationType, rows[2].ContinuingPersons));
        Assert.Equal(3, rows.Count);
    }
}
