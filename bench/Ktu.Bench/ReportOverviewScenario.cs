using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Ktu.Bench;

/// <summary>
/// The embeter's report overview (issue 18): with all 357 municipalities granted for the open year (the letter scenario's
/// national run, or arranged here when it did not run), every leader opens the report window today, half of the
/// municipalities save a report draft, and the 10 case officers read their overview (<c>GET /api/v1/reports?year=</c>)
/// round-robin at a fixed rate. Target: p95 ≤ 200 ms. Baseline: bare Kestrel GET of the same run.
/// </summary>
internal sealed class ReportOverviewScenario : IScenario
{
    public string Name => "Report overview of every embete";

    public Task<bool> IsAvailableAsync(HttpClient http, string url) => Scenarios.HasPathAsync(http, url, "/api/v1/reports");

    public async Task<IReadOnlyList<Row>> RunAsync(HttpClient http, AppProcess app, TimeSpan duration, bool quick, LoadGenerator.Result insertBaseline, LoadGenerator.Result pingBaseline)
    {
        var url = app.Url;
        var year = await ApplicationScenarios.OpenYearAsync(http, url);
        var embeter = LetterScenario.EmbeterWithMunicipalities();
        var officers = new List<Applicant>();
        var drafts = 0;
        Console.WriteLine($"Reports: {embeter.Count} embeter open the {year} report window; half of the municipalities save a draft ...");
        foreach (var embete in embeter)
        {
            var officer = new Applicant($"saksbehandler.{embete}@demo.ktu", await DemoLogin.TokenAsync(http, url, $"saksbehandler.{embete}@demo.ktu"));
            if (!await HasGrantsAsync(http, url, year, officer))
            {
                var (_, failure) = await LetterScenario.ArrangeAsync(http, url, year, embete);
                if (failure is not null)
                {
                    return [Failed(failure)];
                }
            }
            var leader = new Applicant($"leder.{embete}@demo.ktu", await DemoLogin.TokenAsync(http, url, $"leder.{embete}@demo.ktu"));
            var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using (var open = ApplicationScenarios.Request(HttpMethod.Put, $"{url}/api/v1/schemes/{year}/pots/{embete}/deadlines", leader, new { reportOpensOn = today }))
            using (var opened = await http.SendAsync(open))
            {
                if (opened.StatusCode != HttpStatusCode.OK)
                {
                    return [Failed($"{embete}: opening the report window answered {(int)opened.StatusCode} {await ApplicationScenarios.ProblemCodeAsync(opened)}")];
                }
            }
            var municipalities = LetterScenario.MunicipalitiesOf(embete);
            for (var i = 0; i < municipalities.Count; i += 2)
            {
                drafts += await SaveDraftAsync(http, url, year, municipalities[i]) ? 1 : 0;
            }
            officers.Add(officer);
        }
        Console.WriteLine($"Reports: {drafts} drafts saved; measuring the overview ...");

        async Task<bool> Overview(long i)
        {
            using var req = ApplicationScenarios.Request(HttpMethod.Get, $"{url}/api/v1/reports?year={year}", officers[(int)(i % officers.Count)], null);
            using var res = await http.SendAsync(req);
            return res.StatusCode == HttpStatusCode.OK;
        }
        await LoadGenerator.RunAsync("warm-up", 20, TimeSpan.FromSeconds(quick ? 2 : 5), Overview);
        using var memory = app.WatchMemory();
        var result = await LoadGenerator.RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"Report overview: the 10 embeter's officers read their overview round-robin (357 grants, {drafts} drafts); target p95 ≤ 200 ms"),
            50, duration, Overview);
        var row = Row.From(result, pingBaseline, memory);
        Console.WriteLine(row.ToConsole());
        return [row];
    }

    private static async Task<bool> HasGrantsAsync(HttpClient http, string url, int year, Applicant officer)
    {
        using var req = ApplicationScenarios.Request(HttpMethod.Get, $"{url}/api/v1/reports?year={year}", officer, null);
        using var res = await http.SendAsync(req);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return res.StatusCode == HttpStatusCode.OK && doc.RootElement.GetProperty("counts").GetProperty("total").GetInt32() > 0;
    }

    /// <summary>The municipality's applicant opens the report of its grant and saves it as prefilled, with every line's spending.</summary>
    private static async Task<bool> SaveDraftAsync(HttpClient http, string url, int year, string number)
    {
        var email = $"soker.{number}@demo.ktu";
        var a = new Applicant(email, await DemoLogin.TokenAsync(http, url, email));
        Guid? application = null;
        using (var listReq = ApplicationScenarios.Request(HttpMethod.Get, url + "/api/v1/applications", a, null))
        using (var list = JsonDocument.Parse(await (await http.SendAsync(listReq)).Content.ReadAsStringAsync()))
        {
            application = list.RootElement.EnumerateArray().Where(i => i.GetProperty("schemeYear").GetInt32() == year)
                .Select(i => (Guid?)i.GetProperty("id").GetGuid()).FirstOrDefault();
        }
        if (application is null)
        {
            return false;
        }
        using var decisionReq = ApplicationScenarios.Request(HttpMethod.Get, $"{url}/api/v1/applications/{application}/decision", a, null);
        using var decision = await http.SendAsync(decisionReq);
        if (decision.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }
        var grant = JsonDocument.Parse(await decision.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var getReq = ApplicationScenarios.Request(HttpMethod.Get, $"{url}/api/v1/grants/{grant}/report", a, null);
        using var got = JsonDocument.Parse(await (await http.SendAsync(getReq)).Content.ReadAsStringAsync());
        var report = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(got.RootElement.GetProperty("report").GetRawText())!;
        var accounts = got.RootElement.GetProperty("report").GetProperty("accounts").EnumerateArray()
            .Select(l => new { lineId = l.GetProperty("lineId").GetString(), spent = l.GetProperty("granted").GetInt64() * 9 / 10 })
            .ToArray();
        var body = new Dictionary<string, object?>(report.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)) { ["accounts"] = accounts };
        using var put = ApplicationScenarios.Request(HttpMethod.Put, $"{url}/api/v1/grants/{grant}/report", a, new { version = got.RootElement.GetProperty("version").GetInt32(), report = body });
        using var saved = await http.SendAsync(put);
        return saved.StatusCode == HttpStatusCode.OK;
    }

    private static Row Failed(string why)
    {
        Console.WriteLine("Reports: " + why);
        return new Row("Report overview of every embete", 0, 0, 0, 0, 0, 0, 0, 1, null, null, null, null, why);
    }
}
