using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Schemes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Schemes;

/// <summary>The scheme years known from the public sources, and the open demo year.</summary>
[Collection(SharedApp.Name)]
public sealed class SchemeYearTests(KtuFactory factory)
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private async Task<SchemeYear?> LoadAsync(int year)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(s => s.Year == year);
    }

    [Fact]
    public async Task The_2022_year_carries_the_old_name_of_the_grant()
    {
        var year = await LoadAsync(2022);
        Assert.NotNull(year);
        Assert.Equal("Kompetanse- og innovasjonstilskudd", year.Name);
        Assert.Equal(ThresholdComparison.Above, year.AuditorComparison);
        Assert.DoesNotContain(year.EducationTypes, e => e.Code == "psykisk-helse-rus");
        Assert.DoesNotContain(year.ApplicantRules, r => r.Kind == OrganisationKind.InterMunicipalCompany);
    }

    [Fact]
    public async Task The_2025_year_has_the_national_deadline_17_March_in_Norwegian_time()
    {
        var year = await LoadAsync(2025);
        Assert.NotNull(year);
        Assert.Equal("Kompetanse- og tjenesteutviklingstilskudd", year.Name);

        var deadlineInOslo = TimeZoneInfo.ConvertTime(year.ApplicationDeadline, Oslo);
        Assert.Equal(new DateTime(2025, 3, 17, 23, 59, 59), deadlineInOslo.DateTime);
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 22, 59, 59, TimeSpan.Zero), year.ApplicationDeadline);
        Assert.Equal(new DateOnly(2026, 3, 2), year.ReportDeadline);
        Assert.Equal(369_900_000, year.NationalAmount);
        Assert.Equal(ThresholdComparison.AtLeast, year.AuditorComparison);
    }

    [Fact]
    public async Task Trondelag_got_30_667_000_in_2025_of_which_415_000_for_respite_models()
    {
        var year = await LoadAsync(2025);
        Assert.NotNull(year);
        // Trøndelag's figures are the public ones; the demo fills the other nine embeter with figures labelled as made up.
        var pot = Assert.Single(year.Pots, p => !p.IsDemoFigure);
        Assert.Equal("trondelag", pot.EmbeteId);
        Assert.Equal(30_667_000, pot.Amount);
        Assert.Equal(9, year.Pots.Count(p => p.IsDemoFigure));
        Assert.True(year.Pots.Sum(p => p.Amount) <= year.NationalAmount);
        var earmark = Assert.Single(pot.Earmarks);
        Assert.Equal("avlastning", earmark.ThemeCode);
        Assert.Equal(415_000, earmark.Amount);
        Assert.Contains(year.Themes, t => t.Code == earmark.ThemeCode);
    }

    [Fact]
    public async Task In_2025_county_municipalities_may_only_apply_for_mental_health_and_substance_abuse_measures()
    {
        var year = await LoadAsync(2025);
        Assert.NotNull(year);
        var types = year.EducationTypesFor(OrganisationKind.CountyMunicipality);
        Assert.Equal("psykisk-helse-rus", Assert.Single(types).Code);
        Assert.Equal(ApplicationParts.Competence, year.PartsFor(OrganisationKind.CountyMunicipality));
        Assert.Equal(ApplicationParts.All, year.PartsFor(OrganisationKind.InterMunicipalCompany));
    }

    [Fact]
    public async Task The_demo_year_after_the_clock_is_open_with_a_pot_for_every_embete()
    {
        var now = factory.Time.GetUtcNow();
        var open = await LoadAsync(now.Year + 1);
        Assert.NotNull(open);
        Assert.Equal(2027, open.Year);
        Assert.True(open.ApplicationDeadline > now, $"deadline {open.ApplicationDeadline:O} is not after {now:O}");
        Assert.Equal(new DateTime(2027, 3, 17, 23, 59, 59), TimeZoneInfo.ConvertTime(open.ApplicationDeadline, Oslo).DateTime);
        Assert.Equal(10, open.Pots.Count);
        Assert.All(open.Pots, p => Assert.True(p.Amount > 0));
        Assert.True(open.Pots.Sum(p => p.Amount) <= 369_900_000);
        Assert.Null(await LoadAsync(now.Year + 2));
    }
}
