using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Ktu.Bench;

/// <summary>
/// Grant letters (issue 8, scenario 4), against the issue's targets: one embete's ≈ 40 letters ≤ 3 s, all ≈ 400 ≤ 15 s.
/// <list type="number">
/// <item>One embete (Vestland, 43 municipalities): its letters made in one <c>POST /api/v1/allocations/{year}/letters</c>,
/// on a fresh KTU instance with its own database (the national run below uses up the main instance's decisions).</item>
/// <item>Nationally: all 10 embeter (357 municipalities) on the main instance; their 10 leaders POST at the same moment.</item>
/// </list>
/// Arranged over HTTP and not timed: every municipality of an embete submits a complete application (or keeps the
/// one the deadline rush submitted), the case officer declares impartiality and assesses every case, submits the
/// allocation, and the leader approves it. Baseline: as many bare EF Core inserts one after another as there are
/// letters, i.e. letters × the p50 of the bare-insert baseline measured earlier in the same run.
/// </summary>
internal sealed class LetterScenario : IScenario
{
    private const string OneEmbete = "vestland";

    public string Name => "Grant letters of one embete and nationally";

    public Task<bool> IsAvailableAsync(HttpClient http, string url) => Scenarios.HasPathAsync(http, url, "/api/v1/allocations/{year}/letters");

    public async Task<IReadOnlyList<Row>> RunAsync(HttpClient http, AppProcess app, TimeSpan duration, bool quick, LoadGenerator.Result insertBaseline, LoadGenerator.Result pingBaseline)
    {
        // Before the fixes a national run took about a minute: longer than the shared client's 30 s timeout.
        using var slow = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var rows = new List<Row>();
        using (var fresh = app.Sibling!("letters"))
        {
            await fresh.WaitHealthyAsync("/health");
            rows.Add(await OneEmbeteAsync(http, slow, fresh, insertBaseline));
        }
        rows.Add(await NationalAsync(http, slow, app, insertBaseline));
        return rows;
    }

    private static async Task<Row> OneEmbeteAsync(HttpClient http, HttpClient slow, AppProcess app, LoadGenerator.Result insertBaseline)
    {
        var url = app.Url;
        var year = await ApplicationScenarios.OpenYearAsync(http, url);
        Console.WriteLine($"Letters: {MunicipalitiesOf(OneEmbete).Count} applicants of {OneEmbete} submit for {year} on a fresh instance, the officer assesses, the leader approves ...");
        var (leader, failure) = await ArrangeAsync(http, url, year, OneEmbete);
        if (failure is not null)
        {
            return Failed($"Grant letters ({OneEmbete})", failure);
        }

        // Timed: every letter of the embete in one request.
        using var memory = app.WatchMemory();
        var watch = Stopwatch.StartNew();
        var result = await PostLettersAsync(slow, url, year, leader!, Stopwatch.StartNew());
        watch.Stop();
        var ms = watch.Elapsed.TotalMilliseconds;
        var row = Measured(
            string.Create(CultureInfo.InvariantCulture, $"Grant letters: {result.Made} of {result.Decisions} letters of one embete ({OneEmbete}) in one POST; target ≤ 3 s; wall ms in every latency column, done/s = letters/s"),
            result.Made, result.Failed ? Math.Max(1, result.Decisions - result.Made) : 0, ms, ms, ms, memory, insertBaseline);
        Console.WriteLine(row.ToConsole() + (result.Error is null ? "" : " | " + result.Error));
        return row;
    }

    private static async Task<Row> NationalAsync(HttpClient http, HttpClient slow, AppProcess app, LoadGenerator.Result insertBaseline)
    {
        var url = app.Url;
        var year = await ApplicationScenarios.OpenYearAsync(http, url);
        var embeter = EmbeterWithMunicipalities();
        Console.WriteLine($"Letters: all {embeter.Count} embeter ({embeter.Sum(e => MunicipalitiesOf(e).Count)} municipalities) arrange their allocations for {year} ...");
        var arranged = await Task.WhenAll(embeter.Select(e => ArrangeAsync(http, url, year, e)));
        if (arranged.FirstOrDefault(a => a.Failure is not null).Failure is { } failure)
        {
            return Failed("Grant letters nationally", failure);
        }

        // Timed: the 10 leaders POST at the same moment; wall time until the last answer.
        using var memory = app.WatchMemory();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(arranged.Select(a => PostLettersAsync(slow, url, year, a.Leader!, watch)));
        watch.Stop();
        var ms = watch.Elapsed.TotalMilliseconds;
        var made = results.Sum(r => r.Made);
        var decisions = results.Sum(r => r.Decisions);
        var each = results.Select(r => r.Ms).Order().ToArray();
        var row = Measured(
            string.Create(CultureInfo.InvariantCulture, $"Grant letters nationally: {made} of {decisions} letters of {results.Length} embeter, their leaders POST at once; target ≤ 15 s; p50/p95 = median/slowest embete, p99 = max = wall until all done, done/s = letters/s"),
            made, results.Sum(r => r.Failed ? Math.Max(1, r.Decisions - r.Made) : 0), each[each.Length / 2], each[^1], ms, memory, insertBaseline);
        Console.WriteLine(row.ToConsole());
        foreach (var r in results.Where(r => r.Error is not null))
        {
            Console.WriteLine("Letters: " + r.Error);
        }
        return row;
    }

    private static Row Measured(string name, int made, long failed, double p50, double p95, double wallMs, MemoryWatch memory, LoadGenerator.Result insertBaseline)
    {
        var baselineMs = Math.Max(made, 1) * insertBaseline.Ms(50);
        return new Row(name, 0, made / (wallMs / 1000), p50, p95, wallMs, wallMs, made, failed,
            $"{made} × bare-insert p50", baselineMs == 0 ? null : p50 / baselineMs, baselineMs == 0 ? null : wallMs / baselineMs, memory.PeakMb,
            CpuMsPerRequest: made == 0 ? null : memory.CpuSeconds * 1000 / made);
    }

    private static Row Failed(string name, string why)
    {
        Console.WriteLine("Letters: " + why);
        return new Row(name, 0, 0, 0, 0, 0, 0, 0, 1, null, null, null, null, why);
    }

    private sealed record Posted(int Made, int Decisions, double Ms, bool Failed, string? Error);

    /// <summary>One leader's POST of the embete's letters; <paramref name="since"/> times it from the common start.</summary>
    private static async Task<Posted> PostLettersAsync(HttpClient http, string url, int year, Applicant leader, Stopwatch since)
    {
        using var req = ApplicationScenarios.Request(HttpMethod.Post, $"{url}/api/v1/allocations/{year}/letters", leader, new { });
        using var res = await http.SendAsync(req);
        var body = await res.Content.ReadAsStringAsync();
        var ms = since.Elapsed.TotalMilliseconds;
        if (res.StatusCode != HttpStatusCode.OK)
        {
            return new Posted(0, 0, ms, true, $"{leader.Email}: {(int)res.StatusCode} {body}");
        }
        using var doc = JsonDocument.Parse(body);
        var made = doc.RootElement.GetProperty("made").GetInt32();
        var decisions = doc.RootElement.GetProperty("decisions").GetInt32();
        return new Posted(made, decisions, ms, made != decisions, made == decisions ? null : $"{leader.Email}: made {made} of {decisions}");
    }

    /// <summary>Every municipality of the embete submits, the officer assesses every case and submits the allocation, the leader approves it.</summary>
    internal static async Task<(Applicant? Leader, string? Failure)> ArrangeAsync(HttpClient http, string url, int year, string embete)
    {
        foreach (var number in MunicipalitiesOf(embete))
        {
            await SubmitCompleteAsync(http, url, year, number);
        }
        var officer = new Applicant($"saksbehandler.{embete}@demo.ktu", await DemoLogin.TokenAsync(http, url, $"saksbehandler.{embete}@demo.ktu"));
        var leader = new Applicant($"leder.{embete}@demo.ktu", await DemoLogin.TokenAsync(http, url, $"leder.{embete}@demo.ktu"));
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
        return submitted is null && approved is null
            ? (leader, null)
            : (null, $"arrange of {embete} failed: submit {submitted ?? "ok"}, approve {approved ?? "ok"}");
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

    internal static List<string> MunicipalitiesOf(string embete) =>
        Municipalities().Where(m => m.Embete == embete).Select(m => m.Number).ToList();

    internal static List<string> EmbeterWithMunicipalities() =>
        Municipalities().Select(m => m.Embete).Distinct().Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<(string Number, string Embete)> Municipalities()
    {
        var csv = Path.Combine(Repo.Root(), "src", "Ktu.Web", "Data", "ReferenceData", "kommuner-2024.csv");
        // The embete's id is the sixth column; no quoted field comes before it.
        return File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).Where(f => f.Length > 5).Select(f => (f[0], f[5]));
    }
}
