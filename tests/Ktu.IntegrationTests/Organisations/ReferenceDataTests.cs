using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Organisations;

/// <summary>The 2024 division of Norway, loaded at start-up from the CSV files inside the product.</summary>
[Collection(SharedApp.Name)]
public sealed class ReferenceDataTests(KtuFactory factory)
{
    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task All_357_municipalities_15_counties_and_10_embeter_are_loaded()
    {
        Assert.Equal(357, await QueryAsync(db => db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Municipality)));
        Assert.Equal(357, await QueryAsync(db => db.Organisations.Where(o => o.MunicipalityNumber != null).Select(o => o.MunicipalityNumber).Distinct().CountAsync()));
        Assert.Equal(15, await QueryAsync(db => db.Counties.CountAsync()));
        Assert.Equal(10, await QueryAsync(db => db.Embeter.CountAsync()));
    }

    [Fact]
    public async Task Each_county_authority_is_an_organisation_and_Oslo_kommune_carries_the_county_role()
    {
        var countyMunicipalities = await QueryAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.CountyMunicipality).ToListAsync());
        Assert.Equal(14, countyMunicipalities.Count);
        Assert.DoesNotContain(countyMunicipalities, o => o.CountyNumber == "03");
        Assert.All(countyMunicipalities, o => Assert.Null(o.MunicipalityNumber));

        var oslo = await QueryAsync(db => db.Counties.SingleAsync(c => c.Number == "03"));
        Assert.Equal("958935420", oslo.AuthorityOrgNumber);
        var osloKommune = await QueryAsync(db => db.Organisations.SingleAsync(o => o.OrgNumber == "958935420"));
        Assert.Equal(OrganisationKind.Municipality, osloKommune.Kind);
        Assert.Equal("0301", osloKommune.MunicipalityNumber);

        // Every county authority's organisation number is an organisation that can apply.
        var authorities = await QueryAsync(db => db.Counties.Select(c => c.AuthorityOrgNumber).ToListAsync());
        var orgNumbers = await QueryAsync(db => db.Organisations.Select(o => o.OrgNumber).ToListAsync());
        Assert.All(authorities, a => Assert.Contains(a, orgNumbers));
    }

    [Fact]
    public async Task Every_loaded_organisation_number_passes_the_MOD11_check()
    {
        var numbers = await QueryAsync(async db =>
            (await db.Organisations.Select(o => o.OrgNumber).ToListAsync())
            .Concat(await db.Embeter.Select(e => e.OrgNumber).ToListAsync())
            .Concat(await db.Counties.Select(c => c.AuthorityOrgNumber).ToListAsync())
            .ToList());
        Assert.Equal(357 + 14 + 10 + 15, numbers.Count);
        Assert.All(numbers, n => Assert.True(OrgNumber.IsValid(n), $"{n} fails MOD11"));
        Assert.Equal(357 + 14 + 10, numbers.Distinct().Count()); // the counties' authorities are the organisations
    }

    [Fact]
    public async Task Trondheim_5001_belongs_to_the_embete_in_Trondelag()
    {
        var trondheim = await QueryAsync(db => db.Organisations.SingleAsync(o => o.MunicipalityNumber == "5001"));
        Assert.Equal("Trondheim", trondheim.Name);
        Assert.Equal("942110464", trondheim.OrgNumber);
        Assert.Equal("50", trondheim.CountyNumber);
        Assert.Equal("trondelag", trondheim.EmbeteId);
        Assert.Equal(2, trondheim.Centrality);

        var embete = await QueryAsync(db => db.Embeter.SingleAsync(e => e.Id == "trondelag"));
        Assert.Equal("Statsforvalteren i Trøndelag", embete.NameBokmal);
        Assert.Equal("974764350", embete.OrgNumber);
    }

    [Fact]
    public async Task Every_municipality_has_the_centrality_class_of_the_centrality_file()
    {
        var expected = ReferenceData.ReadEmbedded("sentralitet-2024.csv")
            .ToDictionary(r => r["kommunenummer"], r => int.Parse(r["sentralitet"], System.Globalization.CultureInfo.InvariantCulture));
        var loaded = await QueryAsync(db => db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .ToDictionaryAsync(o => o.MunicipalityNumber!, o => o.Centrality));

        Assert.Equal(357, expected.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), loaded.Keys.Order(StringComparer.Ordinal));
        Assert.All(loaded, m => Assert.Equal(expected[m.Key], m.Value));
        Assert.All(loaded.Values, c => Assert.InRange(c!.Value, 1, 6));
        Assert.Equal(1, loaded["0301"]);
    }

    [Fact]
    public async Task Every_municipality_belongs_to_the_embete_of_its_county()
    {
        var mismatches = await QueryAsync(db =>
            (from o in db.Organisations
             join c in db.Counties on o.CountyNumber equals c.Number
             where o.EmbeteId != c.EmbeteId
             select o.Name).ToListAsync());
        Assert.Empty(mismatches);

        var perEmbete = await QueryAsync(db => db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .GroupBy(o => o.EmbeteId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count));
        Assert.Equal(10, perEmbete.Count);
        Assert.Equal(38, perEmbete["trondelag"]);
        Assert.Equal(357, perEmbete.Values.Sum());
    }
}
