using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Schemes;

[Collection(SharedApp.Name)]
public sealed class SchemesApiTests(KtuFactory factory)
{
    [Fact]
    public async Task The_2025_scheme_lists_its_education_types_themes_deadline_and_limits()
    {
        var api = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        using var response = await api.GetAsync(new Uri("/api/v1/schemes/2025", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scheme = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2025, scheme.GetProperty("year").GetInt32());
        Assert.Equal("Kompetanse- og tjenesteutviklingstilskudd", scheme.GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 22, 59, 59, TimeSpan.Zero), scheme.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("2026-03-02", scheme.GetProperty("reportDeadline").GetString());
        Assert.False(scheme.GetProperty("open").GetBoolean());
        Assert.Equal(5, scheme.GetProperty("maxProjects").GetInt32());
        Assert.Equal(200_000, scheme.GetProperty("auditorThreshold").GetInt64());
        Assert.Equal("atLeast", scheme.GetProperty("auditorComparison").GetString());

        var types = scheme.GetProperty("educationTypes").EnumerateArray().ToList();
        Assert.Equal(
            ["vgs", "fagskole", "bachelor", "videreutdanning", "abc", "kortkurs", "psykisk-helse-rus", "annet"],
            types.Select(t => t.GetProperty("code").GetString()));
        Assert.All(types, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("name").GetString())));
        Assert.Equal("ABC-opplæring", types[4].GetProperty("name").GetString());

        var themes = scheme.GetProperty("themes").EnumerateArray().ToList();
        Assert.Equal(9, themes.Count);
        Assert.Contains(themes, t => t.GetProperty("code").GetString() == "avlastning"
            && t.GetProperty("name").GetString() == "Modeller for fleksible kommunale avlastningstilbud for pårørende");

        var pot = Assert.Single(scheme.GetProperty("pots").EnumerateArray(), p => !p.GetProperty("demoFigure").GetBoolean());
        Assert.Equal("trondelag", pot.GetProperty("embete").GetString());
        Assert.Equal(30_667_000, pot.GetProperty("amount").GetInt64());
        var earmark = Assert.Single(pot.GetProperty("earmarks").EnumerateArray());
        Assert.Equal("avlastning", earmark.GetProperty("theme").GetString());
        Assert.Equal(415_000, earmark.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task The_list_marks_only_the_demo_year_as_open()
    {
        var api = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        var list = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/schemes", UriKind.Relative));
        var years = list.EnumerateArray().ToDictionary(s => s.GetProperty("year").GetInt32(), s => s.GetProperty("open").GetBoolean());
        Assert.True(years[2027]);
        Assert.False(years[2025]);
        Assert.False(years[2022]);
        Assert.Equal(years.Keys.OrderDescending(), years.Keys);
    }

    [Fact]
    public async Task An_unknown_year_gives_404_problem_details_in_Norwegian()
    {
        var api = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        using var response = await api.GetAsync(new Uri("/api/v1/schemes/1999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Ordningsåret 1999 finnes ikke.", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task The_schemes_api_needs_a_signed_in_user()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/api/v1/schemes/2025", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
