using System.Net;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Web;

[Collection(SharedApp.Name)]
public sealed class HealthProbeTests(KtuFactory factory)
{
    [Theory]
    [InlineData("/health", "ok")]
    [InlineData("/health/live", "live")]
    [InlineData("/health/ready", "ready")]
    public async Task Probes_answer_anonymous_callers_with_json(string path, string status)
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_says_the_database_is_reachable_with_nothing_pending()
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("reachable", body.GetProperty("database").GetString());
        Assert.Equal(0, body.GetProperty("pendingMigrations").GetInt32());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
