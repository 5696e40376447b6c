using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Ktu.Bench;

/// <summary>
/// Grant letters (issue 8, scenario 4): one embete's ≈ 40 letters made in one <c>POST
/// /api/v1/allocations/{year}/letters</c>. Arranged over HTTP and not timed: every municipality of the
/// embete submits a complete application (or keeps the one the deadline rush submitted), the case officer
/// declares impartiality and assesses every case, submits the allocation, and the leader approves it.
/// Baseline: the same number of bare EF Core inserts one after another, i.e. letters × the p50 of the
/// bare-insert baseline measured earlier in the same run (one durable write per letter).
/// </summary>
internal sealed class LetterScenario : IScenario
{
    /// <summary>Vestland: 43 municipalities. The deadline rush covers every municipality, so this scenario runs after it and reuses those submissions.</summary>
    private const string Embete = "vestland";

    public string Name => "Grant letters of one embete";

    public Task<bool> IsAvailableAsync(HttpClient http, string url) => Scenarios.HasPathAsync(http, url, "/api/v1/allocations/{year}/letters");

    public async Task<IReadOnlyList<Row>> RunAsync(HttpClient http, AppProcess app, TimeSpan duration, bool quick, LoadGenerator.Result insertBaseline, LoadGenerator.Result pingBaseline)
    {
        var url = app.Url;
        var year = await ApplicationScenarios.OpenYearAsync(http, url);
        var numbers = MunicipalitiesOf(Embete);
        Console.WriteLine($"Letters: {numbers.Count} applicants of {Embete} submit for {year}, the officer assesses, the leader approves ...");
        foreach (var number in numbers)
        {
            await SubmitCompleteAsync(http, url, year, number);
        }

        var officer = new Applicant($"saksbehandler.{Embete}@demo.ktu", await DemoLogin.TokenAsync(http, url, $"saksbehandler.{Embete}@demo.ktu"));
        var leader = new Applicant($"leder.{Embete}@demo.ktu", await DemoLogin.TokenAsync(http, url, $"leder.{Embete}@demo.ktu"));
        using (var inboxReq = ApplicationScenarios.Request(HttpMethod.Get, $"{url}/api/v1/cases?year={year}", officer, null))
        using (var inbox = JsonDocument.Parse(await (await http.SendAsync(inboxReq)).Content.ReadAsStringAsync()))
        {
            foreach (var item in inbox.RootElement.GetProperty("items").EnumerateArray())
            {
                await AssessAsync(http, url, officer, item.GetProperty("applicationId").GetGuid());
            }
        }
        var submitted = await PostAsync(http, $"{url}/api/v1/allocations/{year}/submit", officer);
        var approved = await PostAsync(http, $"{url}/api/v1/allocations/{year}/approve", leader);
        if (submitted is not null || approved is not null)
        {
            var why = $"arrange failed: submit {submitted ?? "ok"}, approve {approved ?? "ok"}";
            Console.WriteLine("Letters: " + why);
            return [new Row($"Grant letters ({Embete})", 0, 0, 0, 0, 0, 0, 0, 1, null, null, null, null, why)];
        }

        // Timed: every letter of the embete in one request.
        using var memory = app.WatchMemory();
        var watch = Stopwatch.StartNew();
        using var req = ApplicationScenarios.Request(HttpMethod.Post, $"{url}/api/v1/allocations/{year}/letters", officer, new { });
        using var res = await http.SendAsync(req);
        var body = await res.Content.ReadAsStringAsync();
        watch.Stop();
        var peakMb = memory.PeakMb;
        var cpuSeconds = memory.CpuSeconds;
        var made = 0;
        var decisions = 0;
        if (res.StatusCode == HttpStatusCode.OK)
        {
            using var doc = JsonDocument.Parse(body);
            made = doc.RootElement.GetProperty("made").GetInt32();
            decisions = doc.RootElement.GetProperty("decisions").GetInt32();
        }
        var ms = watch.Elapsed.TotalMilliseconds;
        var baselineMs = Math.Max(made, 1) * insertBaseline.Ms(50);
        var ratio = baselineMs == 0 ? (double?)null : ms / baselineMs;
        var row = new Row(
            string.Create(CultureInfo.InvariantCulture, $"Grant letters: {made} of {decisions} letters of one embete ({Embete}) in one POST; wall ms in every latency column, done/s = letters/s"),
            0, made / watch.Elapsed.TotalSeconds, ms, ms, ms, ms, made, res.StatusCode == HttpStatusCode.OK && made == decisions ? 0 : Math.Max(1, decisions - made),
            $"{made} × bare-insert p50", ratio, ratio, peakMb,
            CpuMsPerRequest: made == 0 ? null : cpuSeconds * 1000 / made);
        Console.WriteLine(row.ToConsole() + (res.StatusCode == HttpStatusCode.OK ? "" : $" | {(int)res.StatusCode} {body}"));
        return [row];
    }

    /// <summary>Starts (or finds) the applicant's application for the year, saves it complete and submits it unless it is already submitted.</summary>
    private static async Task SubmitCompleteAsync(HttpClient http, string url, int year, string number)
    {
        var email = $"soker.{number}@demo.ktu";
        var a = new Applicant(email, await DemoLogin.TokenAsync(http, url, email));
        using (var listReq = ApplicationScenarios.Request(HttpMethod.Get, url + "/api/v1/applications", a, null))
        using (var list = JsonDocument.Parse(await (await http.SendAsync(listReq)).Content.ReadAsStringAsync()))
        {
            foreach (var item in list.RootElement.EnumerateArray().Where(i => i.GetProperty("schemeYear").GetInt32() == year))
            {
                if (item.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String)
                {
                    return; // submitted by the deadline rush
                }
                a.Id = item.GetProperty("id").GetGuid();
                a.Version = item.GetProperty("version").GetInt32();
            }
        }
        if (a.Id == Guid.Empty)
        {
            using var start = ApplicationScenarios.Request(HttpMethod.Post, url + "/api/v1/applications", a, new { schemeYear = year });
            using var started = JsonDocument.Parse(await (await http.SendAsync(start)).Content.ReadAsStringAsync());
            a.Id = started.RootElement.GetProperty("id").GetGuid();
            a.Version = started.RootElement.TryGetProperty("version", out var v) ? v.GetInt32() : 1;
        }
        await ApplicationScenarios.SaveAsync(http, url, a, 0, complete: true);
        using var submit = ApplicationScenarios.Request(HttpMethod.Post, $"{url}/api/v1/applications/{a.Id}/submit", a, new { });
        using var res = await http.SendAsync(submit);
        if (res.StatusCode != HttpStatusCode.OK)
        {
            Console.WriteLine($"Letters: submit of {email} answered {(int)res.StatusCode} {await ApplicationScenarios.ProblemCodeAsync(res)}");
        }
    }

    private static async Task AssessAsync(HttpClient http, string url, Applicant officer, Guid id)
    {
        using (var declare = ApplicationScenarios.Request(HttpMethod.Post, $"{url}/api/v1/cases/{id}/impartiality", officer, new { conflict = false }))
        {
            (await http.SendAsync(declare)).Dispose();
        }
        using var getReq = ApplicationScenarios.Request(HttpMethod.Get, $"{url}/api/v1/cases/{id}", officer, null);
        using var c = JsonDocument.Parse(await (await http.SendAsync(getReq)).Content.ReadAsStringAsync());
        var lines = c.RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => new { lineId = l.GetProperty("id").GetString(), score = 3, amount = l.GetProperty("amountApplied").GetInt64(), reason = "Godt begrunnet." })
            .ToArray();
        using var put = ApplicationScenarios.Request(HttpMethod.Put, $"{url}/api/v1/cases/{id}/assessment", officer,
            new { version = c.RootElement.GetProperty("version").GetInt32(), lines, completed = true });
        using var res = await http.SendAsync(put);
        if (res.StatusCode != HttpStatusCode.OK)
        {
            Console.WriteLine($"Letters: assessment of {id} answered {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Null when the POST succeeded, else the status and problem code.</summary>
    private static async Task<string?> PostAsync(HttpClient http, string url, Applicant user)
    {
        using var req = ApplicationScenarios.Request(HttpMethod.Post, url, user, new { });
        using var res = await http.SendAsync(req);
        if (res.IsSuccessStatusCode)
        {
            return null;
        }
        var text = await res.Content.ReadAsStringAsync();
        Console.WriteLine($"Letters: {url} answered {(int)res.StatusCode} {text}");
        return $"{(int)res.StatusCode} {await ApplicationScenarios.ProblemCodeAsync(res)}";
    }

    private static List<string> MunicipalitiesOf(string embete)
    {
        var csv = Path.Combine(Repo.Root(), "src", "Ktu.Web", "Data", "ReferenceData", "kommuner-2024.csv");
        return File.ReadLines(csv).Skip(1).Where(l => l.Split(',').Length > 5 && l.Split(',')[5] == embete).Select(l => l[..4]).ToList();
    }
}
