using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Account;

/// <summary>GET /api/v1/me with a bearer token: who the caller is and whom they act for.</summary>
[Collection(SharedApp.Name)]
public sealed class MeApiTests(KtuFactory factory)
{
    [Theory]
    [InlineData("soker.5001@demo.ktu", "applicant", "942110464", null)]
    [InlineData("saksbehandler.trondelag@demo.ktu", "case-officer", null, "trondelag")]
    [InlineData("leder.trondelag@demo.ktu", "approver", null, "trondelag")]
    [InlineData("direktorat@demo.ktu", "directorate", null, null)]
    [InlineData("admin@demo.ktu", "admin", null, null)]
    public async Task A_demo_user_with_a_token_sees_own_email_role_and_organisation_or_embete(
        string email, string role, string? orgNumber, string? embeteId)
    {
        var api = await factory.CreateApiClientAsync(email);
        using var response = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal([role], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(me.GetProperty("name").GetString()));

        var organisation = me.GetProperty("organisation");
        if (orgNumber is null)
        {
            Assert.Equal(JsonValueKind.Null, organisation.ValueKind);
        }
        else
        {
            Assert.Equal(orgNumber, organisation.GetProperty("orgNumber").GetString());
            Assert.Equal("Trondheim", organisation.GetProperty("name").GetString());
            Assert.Equal("5001", organisation.GetProperty("municipalityNumber").GetString());
            Assert.Equal("Municipality", organisation.GetProperty("kind").GetString());
        }

        var embete = me.GetProperty("embete");
        if (embeteId is null)
        {
            Assert.Equal(JsonValueKind.Null, embete.ValueKind);
        }
        else
        {
            Assert.Equal(embeteId, embete.GetProperty("id").GetString());
            Assert.Equal("Statsforvalteren i Trøndelag", embete.GetProperty("name").GetString());
            Assert.Equal("974764350", embete.GetProperty("orgNumber").GetString());
        }
    }

    [Fact]
    public async Task Anonymous_callers_get_401_not_a_redirect()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");
        using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
