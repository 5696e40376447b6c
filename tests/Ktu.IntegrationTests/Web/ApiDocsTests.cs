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

        // "servers" echoes the host the test asked on; it is not part of the API.
        var document = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        Snapshot.MatchJson(document.ToJsonString(), "openapi-v1.json");
    }

    [Fact]
    public async Task The_API_reference_page_is_served_with_its_own_scripts()
    {
        var client = factory.CreateBrowserClient();
        // Scalar moves /scalar to /scalar/ so that its relative script paths resolve.
        var requested = new Uri(client.BaseAddress!, "/scalar");
        using var redirect = await client.GetAsync(requested);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var target = new Uri(requested, redirect.Headers.Location!);
        Assert.Equal("/scalar/", target.AbsolutePath);

        using var response = await client.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>KTU API</title>", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase); // everything from this server: no third-party script

        foreach (var script in new[] { "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js" })
        {
            using var js = await client.GetAsync(new Uri(script, UriKind.Relative));
            Assert.True(js.StatusCode == HttpStatusCode.OK, $"{script}: {(int)js.StatusCode}");
            Assert.Contains("javascript", js.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_snapshot_normaliser_sorts_properties_and_keeps_array_order()
    {
        var normalised = Snapshot.Normalise("""{"b":[3,1,{"z":1,"a":"æ"}],"a":null}""");
        Assert.Equal("{\n  \"a\": null,\n  \"b\": [\n    3,\n    1,\n    {\n      \"a\": \"æ\",\n      \"z\": 1\n    }\n  ]\n}\n", normalised);
    }
}
