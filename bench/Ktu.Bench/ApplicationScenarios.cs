using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ktu.Bench;

/// <summary>One demo applicant with its bearer token and its draft.</summary>
internal sealed class Applicant(string email, string token)
{
    public string Email { get; } = email;
    public string Token { get; } = token;
    public Guid Id { get; set; }
    public int Version { get; set; }
    public SemaphoreSlim Turn { get; } = new(1, 1);
}

/// <summary>
/// Draft autosave (issue 8, scenario 1) and the deadline rush (scenario 2), driven through the public
/// API exactly as the pages and integrations use it.
/// </summary>
internal sealed class ApplicationScenarios : IScenario
{
    public string Name => "Draft autosave and deadline rush";

    public Task<bool> IsAvailableAsync(HttpClient http, string url) => Scenarios.HasPathAsync(http, url, "/api/v1/applications/{id}");

    public async Task<IReadOnlyList<Row>> RunAsync(HttpClient http, AppProcess app, TimeSpan duration, bool quick, LoadGenerator.Result insertBaseline, LoadGenerator.Result pingBaseline)
    {
        var rows = new List<Row>();
        var year = await OpenYearAsync(http, app.Url);
        var municipalities = ReadMunicipalityNumbers();
        Console.WriteLine($"Signing in {municipalities.Count} demo applicants and starting their {year} drafts ...");
        var applicants = new ConcurrentBag<Applicant>();
        await Parallel.ForEachAsync(municipalities, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (number, ct) =>
        {
            var email = $"soker.{number}@demo.ktu";
            var a = new Applicant(email, await DemoLogin.TokenAsync(http, app.Url, email, ct));
            using var start = Request(HttpMethod.Post, app.Url + "/api/v1/applications", a, new { schemeYear = year });
            var started = await http.SendAsync(start, ct);
            using var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync(ct));
            a.Id = body.RootElement.GetProperty("id").GetGuid();
            a.Version = body.RootElement.TryGetProperty("version", out var v) ? v.GetInt32() : 1;
            applicants.Add(a);
        });
        var list = applicants.OrderBy(a => a.Email, StringComparer.Ordinal).ToArray();

        // 1a. Steady autosave at 100 saves/s, against the bare EF insert baseline.
        using (var memory = app.WatchMemory())
        {
            var steady = await LoadGenerator.RunAsync("Draft autosave (PUT whole draft) at 100/s", 100, duration, i => SaveAsync(http, app.Url, list[i % list.Length], i));
            rows.Add(Row.From(steady, insertBaseline, memory));
            Console.WriteLine(rows[^1].ToConsole());
        }

        // 1b. Ramp until p99 passes 200 ms: the breaking point.
        var step = TimeSpan.FromSeconds(quick ? 4 : 10);
        double? breaking = null;
        LoadGenerator.Result? held = null;
        int[] rates = [200, 400, 600, 800, 1000, 1200, 1400, 1700, 2000, 2500, 3000];
        foreach (var rate in rates)
        {
            using var memory = app.WatchMemory();
            var r = await LoadGenerator.RunAsync($"Draft autosave ramp at {rate}/s", rate, step, i => SaveAsync(http, app.Url, list[i % list.Length], i));
            rows.Add(Row.From(r, insertBaseline, memory));
            Console.WriteLine(rows[^1].ToConsole());
            if (r.Ms(99) > 200 || r.Failed > 0)
            {
                breaking = rate;
                break;
            }
            held = r;
        }
        rows.Add(new Row("Draft autosave breaking point (first rate with p99 > 200 ms or errors)", breaking ?? 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null,
            breaking is null ? string.Create(CultureInfo.InvariantCulture, $"not reached: {rates[^1]} saves/s, the highest rate tried, held with p99 {held!.Ms(99):F1} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{breaking} saves/s{(held is null ? "" : $" (the rate before, {held.Rate:F0}/s, held with p99 {held.Ms(99):F1} ms)")}")));

        // 2. Deadline rush: every demo municipality submits a complete application once, at 20 submits/s
        //    (the issue's 1 200 in 60 s; Norway has 357 municipalities), then every receipt is checked.
        foreach (var a in list)
        {
            await SaveAsync(http, app.Url, a, 0, complete: true);
        }
        var receipts = new ConcurrentDictionary<string, string>();
        var refusals = new ConcurrentDictionary<string, int>();
        using (var memory = app.WatchMemory())
        {
            var rush = await LoadGenerator.RunAsync($"Deadline rush: {list.Length} submits at 20/s", 20, TimeSpan.FromSeconds(list.Length / 20.0), async i =>
            {
                var a = list[i];
                using var req = Request(HttpMethod.Post, $"{app.Url}/api/v1/applications/{a.Id}/submit", a, new { });
                HttpResponseMessage res;
                try
                {
                    res = await http.SendAsync(req);
                }
                catch (TaskCanceledException)
                {
                    refusals.AddOrUpdate("timeout", 1, (_, n) => n + 1);
                    throw;
                }
                if (res.StatusCode != HttpStatusCode.OK)
                {
                    var code = await ProblemCodeAsync(res);
                    refusals.AddOrUpdate($"{(int)res.StatusCode} {code}", 1, (_, n) => n + 1);
                    return false;
                }
                using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
                receipts[a.Email] = doc.RootElement.GetProperty("reference").GetString()!;
                return true;
            });
            rows.Add(Row.From(rush, insertBaseline, memory));
            Console.WriteLine(rows[^1].ToConsole());
        }
        if (!refusals.IsEmpty)
        {
            var answers = string.Join(", ", refusals.OrderByDescending(r => r.Value).Select(r => $"{r.Value} × {r.Key}"));
            rows.Add(new Row("Deadline rush: failed submits by answer", 0, 0, 0, 0, 0, 0, 0, refusals.Values.Sum(), null, null, null, null, answers));
            Console.WriteLine(rows[^1].ToConsole());
        }
        var exactlyOnce = 0;
        foreach (var a in list.Where(a => receipts.ContainsKey(a.Email)))
        {
            using var req = Request(HttpMethod.Get, $"{app.Url}/api/v1/applications/{a.Id}/submissions", a, null);
            using var doc = JsonDocument.Parse(await (await http.SendAsync(req)).Content.ReadAsStringAsync());
            if (doc.RootElement.GetArrayLength() == 1 && doc.RootElement[0].GetProperty("reference").GetString() == receipts[a.Email])
            {
                exactlyOnce++;
            }
        }
        var distinct = receipts.Values.Distinct().Count();
        var ok = exactlyOnce == receipts.Count && distinct == receipts.Count;
        rows.Add(new Row("Deadline rush check: acknowledged submits stored exactly once", 0, 0, 0, 0, 0, 0, exactlyOnce, ok ? 0 : receipts.Count - exactlyOnce, null, null, null, null,
            $"{exactlyOnce} of {receipts.Count} acknowledged submissions found exactly once, {distinct} distinct references"));
        return rows;
    }

    internal static async Task<bool> SaveAsync(HttpClient http, string url, Applicant a, long i, bool complete = false)
    {
        await a.Turn.WaitAsync();
        try
        {
            using var req = Request(HttpMethod.Put, $"{url}/api/v1/applications/{a.Id}", a, null);
            req.Content = new StringContent(DocumentJson(a.Version, i, complete), Encoding.UTF8, "application/json");
            using var res = await http.SendAsync(req);
            if (res.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            a.Version = TopLevelInt(await res.Content.ReadAsByteArrayAsync(), "version"u8);
            return true;
        }
        finally
        {
            a.Turn.Release();
        }
    }

    /// <summary>The "code" of a problem answer (e.g. "busy", "version-conflict"), or "-".</summary>
    internal static async Task<string> ProblemCodeAsync(HttpResponseMessage res)
    {
        try
        {
            using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
            return doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() ?? "-" : "-";
        }
        catch (JsonException)
        {
            return "-";
        }
    }

    // The draft as JSON, made once; each save only puts in its version and change number. Serialising the
    // anonymous object on every request cost the load generator CPU that the app needs on these 2 cores.
    private const int VersionMark = 987_654_321;
    private const long ChangeMark = 123_456_789_987;
    private static readonly string Draft = JsonSerializer.Serialize(Document(VersionMark, ChangeMark, complete: false));
    private static readonly string CompleteDraft = JsonSerializer.Serialize(Document(VersionMark, ChangeMark, complete: true));

    private static string DocumentJson(int version, long i, bool complete) => (complete ? CompleteDraft : Draft)
        .Replace(VersionMark.ToString(CultureInfo.InvariantCulture), version.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace(ChangeMark.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>An integer property of the answer's top-level object, read without building the whole document.</summary>
    private static int TopLevelInt(byte[] json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
            {
                reader.Read();
                return reader.GetInt32();
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
            {
                reader.Skip();
            }
        }
        throw new JsonException("The answer has no " + System.Text.Encoding.UTF8.GetString(name) + ".");
    }

    /// <summary>A realistic draft: applicant information, two competence rows, BPA and one project.</summary>
    private static object Document(int version, long i, bool complete) => new
    {
        version,
        accountNumber = "12345678903",
        paymentRemark = "KTU",
        contact = new { name = "Kontaktperson", email = "post@kommune.no", phone = "12345678" },
        competencePlanAdopted = true,
        description = $"Utkast lagret automatisk, endring {i}. Kommunen vil styrke fagkompetansen i hjemmetjenesten og på sykehjemmet.",
        competenceMeasures = new object[]
        {
            new { educationType = "videreutdanning", description = "Videreutdanning i palliativ omsorg", amount = 90_000, persons = 3, continuingPersons = 0 },
            new { educationType = "vgs", description = "Helsefagarbeider for assistenter", amount = 120_000, persons = 4, continuingPersons = 2 },
        },
        bpaTrainings = new object[] { new { role = "workLeader", persons = 5, amountPerPerson = 4_000 } },
        projects = complete ? new object[]
        {
            new
            {
                priority = 1, title = "Hverdagsrehabilitering", themes = new[] { "rehabilitering" },
                purpose = "Flere skal klare seg selv hjemme.", description = "Tverrfaglig team i hjemmetjenesten.",
                criteria = new
                {
                    needsAndChallenges = "Økende behov.", goalsAndTargetGroups = "Eldre hjemmeboende.", organisationAndPartners = "Hjemmetjenesten.",
                    expectedGains = "Færre vedtak.", anchoring = "Kommunalsjef.", userParticipation = "Brukerråd.",
                },
                budget = new[] { new { item = "Lønn", amount = 300_000 } },
                ownFinancing = 100_000, amountApplied = 200_000, controlMeasures = "Månedlig regnskap.",
                signedBy = new { name = "Kommunedirektør", role = "Kommunedirektør" },
            },
        } : Array.Empty<object>(),
    };

    internal static HttpRequestMessage Request(HttpMethod method, string url, Applicant a, object? body)
    {
        var req = new HttpRequestMessage(method, url);
        req.Headers.Authorization = new("Bearer", a.Token);
        if (body is not null)
        {
            req.Content = JsonContent.Create(body);
        }
        return req;
    }

    internal static async Task<int> OpenYearAsync(HttpClient http, string url)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, url + "/api/v1/schemes");
        req.Headers.Authorization = new("Bearer", await DemoLogin.TokenAsync(http, url, "soker.5001@demo.ktu"));
        using var list = JsonDocument.Parse(await (await http.SendAsync(req)).Content.ReadAsStringAsync());
        return list.RootElement.EnumerateArray().First(s => s.GetProperty("open").GetBoolean()).GetProperty("year").GetInt32();
    }

    private static List<string> ReadMunicipalityNumbers()
    {
        var csv = Path.Combine(Repo.Root(), "src", "Ktu.Web", "Data", "ReferenceData", "kommuner-2024.csv");
        return File.ReadLines(csv).Skip(1).Where(l => l.Length > 4).Select(l => l[..4]).ToList();
    }
}
