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

        // "servers" echoes the host asked on (always http://localhost in the tests), without a trailing slash.
        var servers = doc.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()!).ToList();
        Assert.NotEmpty(servers);
        Assert.All(servers, url => Assert.False(url.EndsWith('/'), url));
        Snapshot.MatchJson(json, "openapi-v1.json");
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_its_security_and_its_problem_answers_and_every_tag_a_description()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        var ids = new List<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("operationId", out var id), $"{where} has no operationId");
                ids.Add(id.GetString()!);
                var security = operation.Value.GetProperty("security").EnumerateArray().ToList();
                // One requirement (a person's bearer token, or none for anonymous routes), or two alternatives when an
                // organisation's own system may call it too: the person's bearer token or a client-credentials token with its scope.
                Assert.True(security.Count == 1 || (security.Count == 2 && security[0].TryGetProperty("bearer", out _) && security[1].TryGetProperty("clientCredentials", out var scopes) && scopes.GetArrayLength() > 0),
                    $"{where}: {security.Count} security requirements");
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                Assert.True(responses.Keys.Any(c => c.StartsWith('4')), $"{where} documents no 4xx answer");
                if (security[0].TryGetProperty("bearer", out _))
                {
                    Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{where} needs a log-in but documents no 401/403");
                }
                foreach (var (code, answer) in responses.Where(r => r.Key.StartsWith('4')))
                {
                    Assert.True(answer.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _), $"{where} {code} is not ProblemDetails");
                }
            }
        }
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(root.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("description").GetString()), t.GetProperty("name").GetString()));
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
