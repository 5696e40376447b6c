using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests;

[Collection(SharedApp.Name)]
public sealed class SmokeTests(KtuFactory factory)
{
    [Fact]
    public async Task Health_answers_ok()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_demo_applicant_gets_a_token_and_sees_its_municipality()
    {
        var api = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        var me = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me");
        Assert.Equal("942110464", me.GetProperty("organisation").GetProperty("orgNumber").GetString());
    }
}
