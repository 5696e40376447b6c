using System.Net.Http.Json;
using System.Text.Json;

namespace Ktu.Bench;

/// <summary>Signs a demo user in to the API and returns the bearer token.</summary>
internal static class DemoLogin
{
    public const string Password = "Demo-2025!";

    public static async Task<string> TokenAsync(HttpClient http, string url, string email, CancellationToken ct = default)
    {
        var response = await http.PostAsJsonAsync(url + "/api/v1/auth/login", new { email, password = Password }, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement.GetProperty("accessToken").GetString()!;
    }
}
