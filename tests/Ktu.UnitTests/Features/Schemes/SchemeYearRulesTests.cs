using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Features.Schemes;

namespace Ktu.UnitTests.Features.Schemes;

public sealed class SchemeYearRulesTests
{
    private static readonly SchemeYear Y2022 = SchemeSeed.Year2022();
    private static readonly SchemeYear Y2025 = SchemeSeed.Year2025();

    [Fact]
    public void The_scheme_changed_name_from_2023() =>
        Assert.Equal(("Kompetanse- og innovasjonstilskudd", "Kompetanse- og tjenesteutviklingstilskudd"), (Y2022.Name, Y2025.Name));

    [Fact]
    public void The_2025_deadline_is_the_end_of_17_March_in_Norway()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 22, 59, 59, TimeSpan.Zero), Y2025.ApplicationDeadline);
        Assert.True(Deadline.IsOpen(Y2025, new DateTimeOffset(2025, 3, 17, 22, 59, 59, TimeSpan.Zero)));
        Assert.False(Deadline.IsOpen(Y2025, new DateTimeOffset(2025, 3, 17, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_county_municipality_may_only_apply_for_mental_health_and_substance_abuse_measures_in_2025()
    {
        Assert.Equal(ApplicationParts.Competence, Y2025.PartsFor(OrganisationKind.CountyMunicipality));
        Assert.Equal(["psykisk-helse-rus"], Y2025.EducationTypesFor(OrganisationKind.CountyMunicipality).Select(e => e.Code));
        Assert.True(Y2025.EducationTypesFor(OrganisationKind.Municipality).Count > 5);
    }

    [Fact]
    public void Inter_municipal_companies_may_apply_from_2025_but_not_in_2022()
    {
        Assert.False(Y2022.IsEligible(OrganisationKind.InterMunicipalCompany));
        Assert.True(Y2025.IsEligible(OrganisationKind.InterMunicipalCompany));
    }

    [Theory]
    [InlineData(199_999, false, false)]
    [InlineData(200_000, false, true)]
    [InlineData(200_001, true, true)]
    public void The_auditor_threshold_is_compared_as_each_year_words_it(long granted, bool in2022, bool in2025)
    {
        // 2022: "over kr 200 000"; 2025: "fra kr 200 000 og mer".
        Assert.Equal(in2022, AuditorRequiredFromThreshold.Applies(Y2022, granted));
        Assert.Equal(in2025, AuditorRequiredFromThreshold.Applies(Y2025, granted));
    }

    [Fact]
    public void Trondelag_2025_pot_includes_the_earmark_for_respite_care_models()
    {
        var pot = Assert.Single(Y2025.Pots);
        Assert.Equal(("trondelag", 30_667_000L), (pot.EmbeteId, pot.Amount));
        var earmark = Assert.Single(pot.Earmarks);
        Assert.Equal(("avlastning", 415_000L), (earmark.ThemeCode, earmark.Amount));
        Assert.Contains(Y2025.Themes, t => t.Code == earmark.ThemeCode);
    }

    [Fact]
    public void Copying_a_year_copies_its_rules_and_pots_without_sharing_them()
    {
        var deadline = NorwayTime.EndOfDay(new DateOnly(2026, 3, 17));
        var copy = CopySchemeYear.From(Y2025, 2026, deadline, new DateOnly(2027, 3, 1));

        Assert.Equal(2026, copy.Year);
        Assert.Equal(deadline, copy.ApplicationDeadline);
        Assert.Equal(Y2025.EducationTypes.Select(e => e.Code), copy.EducationTypes.Select(e => e.Code));
        Assert.Equal(Y2025.Themes.Select(e => e.Code), copy.Themes.Select(e => e.Code));
        Assert.Equal(Y2025.Pots.Single().Amount, copy.Pots.Single().Amount);
        Assert.NotSame(Y2025.Pots.Single(), copy.Pots.Single());
        copy.ApplicantRules.Single(r => r.Kind == OrganisationKind.CountyMunicipality).OnlyEducationTypes.Add("abc");
        Assert.Single(Y2025.ApplicantRules.Single(r => r.Kind == OrganisationKind.CountyMunicipality).OnlyEducationTypes);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(6, true)]
    public void A_municipality_is_a_district_municipality_from_the_years_centrality_class(int centrality, bool expected)
    {
        var m = new Organisation { OrgNumber = "942110464", Name = "X", Kind = OrganisationKind.Municipality, CountyNumber = "50", EmbeteId = "trondelag", Centrality = centrality };
        Assert.Equal(expected, DistrictMunicipality.Is(m, Y2025));
    }
}
