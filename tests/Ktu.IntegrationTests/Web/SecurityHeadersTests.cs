using System.Net;
using Ktu.IntegrationTests.Infrastructure;

namespace Ktu.IntegrationTests.Web;

/// <summary>Security headers on pages, API answers and errors alike (OWASP ASVS 14.4).</summary>
[Collection(SharedApp.Name)]
public sealed class SecurityHeadersTests(KtuFactory factory)
{
    public static TheoryData<string> Paths => ["/logg-inn", "/", "/api/v1/me", "/api/v1/schemes/2025", "/health", "/openapi/v1.json", "/finnes-ikke"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_answer_forbids_inline_script_framing_and_sniffing(string path)
    {
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));

        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.DoesNotContain("'unsafe-inline'", csp["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", csp["script-src"], StringComparison.Ordinal);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'none'", csp["object-src"]);
        // No external log-in is turned on here, so forms lead nowhere but KTU itself.
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"), "the Server header tells attackers what runs here");
    }

    [Fact]
    public async Task API_answers_are_not_stored_in_caches()
    {
        var api = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        using var response = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store expected");
    }

    [Fact]
    public async Task Https_answers_carry_HSTS_for_a_year()
    {
        // The HSTS middleware leaves out localhost, so ask for the page under a real-looking host name.
        using var response = await factory.CreateBrowserClient().GetAsync(new Uri("https://ktu.statsforvalteren.test/logg-inn"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Header(response, "Strict-Transport-Security");
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} header missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
