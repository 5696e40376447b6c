using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Ktu.CrashTests;

/// <summary>
/// The request limits only the real server enforces (the in-memory test server has no body-size limit):
/// bodies over 10 MB and JSON nested 10 000 deep, sent to the real process, are refused with
/// ProblemDetails, and the process lives on.
/// </summary>
public sealed class RealServerLimitsTests
{
    private const long LimitBytes = 10 * 1024 * 1024; // WebSetup.MaxRequestBodyBytes

    [Fact]
    public async Task Oversized_and_deeply_nested_bodies_are_refused_with_problem_details_and_the_process_lives_on()
    {
        var work = Directory.CreateTempSubdirectory("ktu-limits-");
        try
        {
            using var http = new HttpClient();
            using var app = KtuProcess.Start(Path.Combine(work.FullName, "ktu.db"));
            await app.WaitHealthyAsync(http);
            var token = await Applicant.TokenAsync(http, app.Url, "soker.5001@demo.ktu");
            using var started = await SendAsync(http, HttpMethod.Post, app.Url + "/api/v1/applications", token, "{\"schemeYear\":2027}");
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            var put = $"{app.Url}/api/v1/applications/{id}";

            // "Expect: 100-continue", as careful clients send large bodies: the server can refuse before the
            // body is sent (otherwise it closes the connection while the client is still writing).
            using var careful = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) });
            careful.DefaultRequestHeaders.ExpectContinue = true;
            using var oversized = await SendAsync(careful, HttpMethod.Put, put, token, $"{{\"version\":1,\"description\":\"{new string('x', (int)LimitBytes)}\"}}");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
            Assert.Equal("application/problem+json", oversized.Content.Headers.ContentType?.MediaType);

            using var nested = await SendAsync(http, HttpMethod.Put, put, token, new string('[', 10_000) + new string(']', 10_000));
            Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
            Assert.Equal("application/problem+json", nested.Content.Headers.ContentType?.MediaType);

            using var form = new StringContent("Email=" + new string('x', (int)LimitBytes), Encoding.UTF8, "application/x-www-form-urlencoded");
            using var page = await careful.PostAsync(new Uri(app.Url + "/logg-inn"), form);
            Assert.True((int)page.StatusCode is >= 400 and < 500, $"POST /logg-inn with an oversized form gave {(int)page.StatusCode}");

            Assert.False(app.HasExited);
            using var health = await http.GetAsync(new Uri(app.Url + "/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var stillThere = await SendAsync(http, HttpMethod.Get, put, token, null);
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
            Assert.Equal(1, JsonNode.Parse(await stillThere.Content.ReadAsStringAsync())!["version"]!.GetValue<int>()); // nothing was saved
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string token, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(url));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request);
    }
}
