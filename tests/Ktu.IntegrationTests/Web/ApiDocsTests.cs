using System.Net;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Web;

/// <summary>The OpenAPI document is snapshotted, so every API change shows in the diff.</summary>
[Collection(SharedApp.Name)]
public sealed class ApiDocsTests(KtuFactory factory)
{
    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_snapshot()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("KTU API", doc.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/login", out _));
        Assert.True(paths.TryGetProperty("/api/v1/schemes/{year}", out _));
        Assert.False(paths.TryGetProperty("/health", out _), "/health is excluded from the description");

        Snapshot.MatchJson(json, "openapi-v1.json");
    }

    [Fact]
    public async Task The_API_reference_page_is_served()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/scalar", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("KTU API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_snapshot_normaliser_sorts_properties_and_keeps_array_order()
    {
        var normalised = Snapshot.Normalise("""{"b":[3,1,{"z":1,"a":"æ"}],"a":null}""");
        Assert.Equal("{\n  \"a\": null,\n  \"b\": [\n    3,\n    1,\n    {\n      \"a\": \"æ\",\n      \"z\": 1\n    }\n  ]\n}\n", normalised);
    }
}
