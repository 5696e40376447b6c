using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktu.TestSupport;

namespace Ktu.CrashTests;

/// <summary>What the app acknowledged (2xx) to one applicant, and every write that was sent, in order.</summary>
internal sealed class Ledger(string municipality)
{
    public string Municipality { get; } = municipality;
    public string Email => $"soker.{Municipality}@demo.ktu";
    public string? ApplicationId { get; set; }

    /// <summary>Every description marker sent in a save, acknowledged or not, in the order sent.</summary>
    public List<string> Sent { get; } = [];

    /// <summary>Index in <see cref="Sent"/> of each marker, so a stored marker is looked up instead of searched for.</summary>
    public Dictionary<string, int> SentIndex { get; } = new(StringComparer.Ordinal);

    /// <summary>Index in <see cref="Sent"/> of the last acknowledged save; -1 before the first.</summary>
    public int LastAcknowledged { get; set; } = -1;

    /// <summary>The highest version the app has acknowledged (saves, submits and withdrawals).</summary>
    public int AcknowledgedVersion { get; set; }

    public int AcknowledgedSaves { get; set; }

    public List<AcknowledgedSubmit> AcknowledgedSubmits { get; } = [];

    public void Send(string marker)
    {
        SentIndex[marker] = Sent.Count;
        Sent.Add(marker);
    }
}

/// <summary>
/// A submit the app acknowledged with a receipt, in the cycle it happened; <paramref name="Marker"/> is the
/// description marker of the save of that version, which the submitted snapshot must hold.
/// </summary>
internal sealed record AcknowledgedSubmit(Ledger Ledger, int Cycle, int Version, int Number, string Reference, string Sha256, string Marker);

/// <summary>
/// One applicant driving its municipality's application over HTTP: saves with a fresh marker in the
/// description, and every third save a submit followed by a withdrawal (so it can keep saving). It stops
/// at the first failed connection (the process has been killed; whatever was in flight is unacknowledged)
/// and at the first unexpected answer. Tokens come from <see cref="Logins"/>, which logs in again on a 401.
/// </summary>
internal sealed class Applicant(Ledger ledger, HttpClient http, string url, int cycle, TaskCompletionSource firstSave, Logins logins)
{
    public const int OpenYear = 2027;

    public string Municipality => ledger.Municipality;

    /// <summary>Answers that should never come: a 500, a version conflict with no other writer, and so on.</summary>
    public List<string> Unexpected { get; } = [];

    /// <summary>When (<see cref="Stopwatch.GetTimestamp"/>) and how the connection died, if it did.</summary>
    public (long At, string How)? ConnectionLost { get; private set; }

    /// <summary>A token for <paramref name="email"/>, for tests that need one request with it and no re-login.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string url, string email)
    {
        using var response = await http.PostAsJsonAsync(new Uri(url + "/api/v1/auth/login"), new { email, password = Logins.Password });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static string Marker(string municipality, int cycle, int seq) => $"[krasj {municipality} syklus {cycle} nr {seq}]";

    /// <summary>Set once the application is open and the first save is about to go: the kill comes after.</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync()
    {
        try
        {
            var document = await OpenAsync();
            Ready.TrySetResult();
            if (document is null)
            {
                return;
            }
            for (var seq = 1; ; seq++)
            {
                var marker = Marker(ledger.Municipality, cycle, seq);
                Complete(document);
                document["description"] = $"Kompetanseplan for hjemmetjenesten {marker}";
                ledger.Send(marker);
                var saved = await SendAsync(HttpMethod.Put, $"/api/v1/applications/{ledger.ApplicationId}", document);
                if (saved is null)
                {
                    return;
                }
                ledger.LastAcknowledged = ledger.Sent.Count - 1;
                ledger.AcknowledgedSaves++;
                firstSave.TrySetResult();
                Acknowledge(saved);
                document = saved;
                if (seq % 3 != 2) // submit after the 2nd, 5th, 8th ... save
                {
                    continue;
                }
                var version = Version(document);
                var receipt = await SendAsync(HttpMethod.Post, $"/api/v1/applications/{ledger.ApplicationId}/submit", new JsonObject { ["version"] = version });
                if (receipt is null)
                {
                    return;
                }
                ledger.AcknowledgedSubmits.Add(new(ledger, cycle, version, receipt["number"]!.GetValue<int>(),
                    receipt["reference"]!.GetValue<string>(), receipt["sha256"]!.GetValue<string>(), marker));
                ledger.AcknowledgedVersion = Math.Max(ledger.AcknowledgedVersion, version + 1);
                var withdrawn = await SendAsync(HttpMethod.Post, $"/api/v1/applications/{ledger.ApplicationId}/withdraw", null);
                if (withdrawn is null)
                {
                    return;
                }
                Acknowledge(withdrawn);
                document = withdrawn;
            }
        }
        catch (Exception e) when (Transport.IsConnectionFailure(e))
        {
            // The process is gone (or going); whatever was in flight is unacknowledged.
            ConnectionLost = (Stopwatch.GetTimestamp(), e.GetType().Name);
        }
        finally
        {
            Ready.TrySetResult();
        }
    }

    /// <summary>The application as it is after the restart: started if need be, withdrawn if a submit got through.</summary>
    private async Task<JsonObject?> OpenAsync()
    {
        if (ledger.ApplicationId is null)
        {
            using var start = await RequestAsync(HttpMethod.Post, "/api/v1/applications", new JsonObject { ["schemeYear"] = OpenYear });
            if (start is null)
            {
                return null;
            }
            var text = await start.Content.ReadAsStringAsync();
            if (start.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict && ParseObject(text)?["id"] is { } id)
            {
                ledger.ApplicationId = id.GetValue<string>();
            }
            else
            {
                Unexpected.Add($"start {ledger.Municipality}: {(int)start.StatusCode} {text}");
                return null;
            }
        }
        var document = await SendAsync(HttpMethod.Get, $"/api/v1/applications/{ledger.ApplicationId}", null);
        if (document is not null && document["status"]!.GetValue<string>() == "submitted")
        {
            document = await SendAsync(HttpMethod.Post, $"/api/v1/applications/{ledger.ApplicationId}/withdraw", null);
        }
        if (document is not null)
        {
            Acknowledge(document);
        }
        return document;
    }

    private void Acknowledge(JsonObject document) =>
        ledger.AcknowledgedVersion = Math.Max(ledger.AcknowledgedVersion, Version(document));

    private static int Version(JsonObject document) => document["version"]!.GetValue<int>();

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The answer's JSON object if it was a 2xx; otherwise null, and the answer is recorded as unexpected.</summary>
    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var response = await RequestAsync(method, path, body);
        if (response is null)
        {
            return null;
        }
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || ParseObject(text) is not { } answer)
        {
            Unexpected.Add($"{method} {path} as {ledger.Municipality}: {(int)response.StatusCode} {text}");
            return null;
        }
        return answer;
    }

    /// <summary>Null when <see cref="Logins"/> found a problem with the token (it records it).</summary>
    private Task<HttpResponseMessage?> RequestAsync(HttpMethod method, string path, JsonObject? body) =>
        logins.SendAsync(http, url, ledger.Email, token =>
        {
            var request = new HttpRequestMessage(method, new Uri(url + path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            return request;
        });

    /// <summary>A complete application for the 2027 demo year (<see cref="CompleteApplication"/>).</summary>
    private static void Complete(JsonObject document) => CompleteApplication.Fill(document);
}
