using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ktu.Bench;

// ./bench.sh [--quick] [--postgres]: starts the real app (Release, SQLite file or PostgreSQL) and a
// baseline server as separate processes, drives both over HTTP at fixed arrival rates and reports every
// figure as a ratio against a baseline measured in the same run.
if (args.Length > 0 && args[0] == "serve-baseline")
{
    await BaselineServer.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
    return 0;
}

// The load generator's own thread pool must not be what delays a request: at a step up in rate, a pool that
// starts with one thread per core sent requests late while it grew, and that lateness counts as latency.
ThreadPool.SetMinThreads(64, 64);
var quick = args.Contains("--quick");
// --only WORD: run only the scenarios whose name contains WORD (e.g. --only letters); the baselines always run.
var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
var root = Repo.Root();
var work = Directory.CreateTempSubdirectory("ktu-bench-");
var results = new List<Row>();
var database = BenchDatabase.FromEnvironment();
Console.WriteLine($"Database: {database.Name}");
using var baseline = AppProcess.StartBaseline(work.FullName, database);
using var app = AppProcess.StartKtu(root, work.FullName, database);
await baseline.WaitHealthyAsync("/ping");
await app.WaitHealthyAsync("/health");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var duration = TimeSpan.FromSeconds(quick ? 5 : 30);

// Warm-up: JIT, connection pools, SQLite page cache.
await LoadGenerator.RunAsync("warm-up", 200, TimeSpan.FromSeconds(quick ? 2 : 5), async _ => (await http.GetAsync(app.Url + "/health")).IsSuccessStatusCode);
await LoadGenerator.RunAsync("warm-up", 200, TimeSpan.FromSeconds(quick ? 2 : 5), async _ => (await http.GetAsync(baseline.Url + "/ping")).IsSuccessStatusCode);

// 1. Request overhead of the full pipeline (security headers, auth, routing) against bare Kestrel.
var ping = await Measure("Baseline: bare Kestrel GET", 500, null, async _ => (await http.GetAsync(baseline.Url + "/ping")).IsSuccessStatusCode, baseline);
await Measure("KTU GET /health", 500, ping, async _ => (await http.GetAsync(app.Url + "/health")).IsSuccessStatusCode, app);

var token = await DemoLogin.TokenAsync(http, app.Url, "soker.5001@demo.ktu");
async Task<bool> Me(long _)
{
    using var req = new HttpRequestMessage(HttpMethod.Get, app.Url + "/api/v1/me");
    req.Headers.Authorization = new("Bearer", token);
    return (await http.SendAsync(req)).IsSuccessStatusCode;
}
// Warmed like every other measured path: on a cold PostgreSQL instance 500 requests/s at once queued for about
// 2.5 s while JIT, EF's query compilation and ~20 new server connections competed for the 2 cores (bench/README.md).
await LoadGenerator.RunAsync("warm-up", 50, TimeSpan.FromSeconds(quick ? 2 : 5), Me);
await Measure("KTU GET /api/v1/me (bearer, database read)", 500, ping, Me, app);

// 2. Writes: a bare EF Core insert of a draft-sized row is the baseline for every KTU write.
var document = JsonSerializer.Serialize(new { text = new string('x', 4000) });
await LoadGenerator.RunAsync("warm-up", 50, TimeSpan.FromSeconds(quick ? 2 : 5), async i =>
    (await http.PostAsJsonAsync(baseline.Url + "/insert", new { organisationId = 0, year = 2027, version = 1, updatedAtTicks = i, document })).IsSuccessStatusCode);
var insert = await Measure(database.InsertBaselineName, 100, null, async i =>
    (await http.PostAsJsonAsync(baseline.Url + "/insert", new { organisationId = (int)(i % 357), year = 2027, version = 1, updatedAtTicks = i, document })).IsSuccessStatusCode, baseline);

foreach (var scenario in Scenarios.All.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
{
    if (await scenario.IsAvailableAsync(http, app.Url))
    {
        var measured = await scenario.RunAsync(http, app, duration, quick, insert, ping);
        results.AddRange(measured);
    }
    else
    {
        results.Add(Row.NotAvailable(scenario.Name));
    }
}

var report = Report.Write(root, results, quick, database);
Console.WriteLine(report);
// The run's databases are scratch, tens of megabytes each; the logs stay for a look afterwards.
app.Dispose();
baseline.Dispose();
foreach (var file in work.EnumerateFiles("*.db*"))
{
    file.Delete();
}
Console.WriteLine($"Logs of the app and the baseline server: {work.FullName}");
return results.Any(r => r.Failed > 0) ? 1 : 0;

async Task<LoadGenerator.Result> Measure(string name, double rate, LoadGenerator.Result? against, Func<long, Task<bool>> send, AppProcess? watch = null)
{
    using var memory = watch?.WatchMemory();
    var r = await LoadGenerator.RunAsync(name, rate, duration, send);
    results.Add(Row.From(r, against, memory));
    Console.WriteLine(results[^1].ToConsole());
    return r;
}


internal static class Repo
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ktu.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Fant ikke Ktu.slnx over " + AppContext.BaseDirectory);
    }
}

internal sealed record Row(string Name, double Rate, double Throughput, double P50, double P95, double P99, double Max, long Ok, long Failed, string? Baseline, double? RatioP50, double? RatioP99, double? PeakMb, string? Note = null, double? CpuMsPerRequest = null, double? GeneratorCpuMsPerRequest = null)
{
    public static Row From(LoadGenerator.Result r, LoadGenerator.Result? against, MemoryWatch? watch) => new(
        r.Name, r.Rate, r.Throughput, r.Ms(50), r.Ms(95), r.Ms(99), r.MaxMs, r.Ok, r.Failed,
        against?.Name,
        against is null || against.Ms(50) == 0 ? null : r.Ms(50) / against.Ms(50),
        against is null || against.Ms(99) == 0 ? null : r.Ms(99) / against.Ms(99),
        watch?.PeakMb,
        CpuMsPerRequest: watch is null || r.Sent == 0 ? null : watch.CpuSeconds * 1000 / r.Sent,
        GeneratorCpuMsPerRequest: watch is null || r.Sent == 0 ? null : watch.GeneratorCpuSeconds * 1000 / r.Sent);

    public static Row NotAvailable(string name) => new(name, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, "not available yet in this build");

    public string ToConsole() => Note is not null
        ? $"{Name}: {Note}"
        : string.Format(CultureInfo.InvariantCulture, "{0}: {1:F0}/s p50 {2:F2} ms p95 {3:F2} p99 {4:F2} max {5:F1} ok {6} failed {7}{8}{9}{10}{11}",
            Name, Throughput, P50, P95, P99, Max, Ok, Failed,
            RatioP99 is { } q ? string.Format(CultureInfo.InvariantCulture, " | p99 ×{0:F2} vs baseline", q) : "",
            PeakMb is { } m ? string.Format(CultureInfo.InvariantCulture, " | peak {0:F0} MB", m) : "",
            CpuMsPerRequest is { } c ? string.Format(CultureInfo.InvariantCulture, " | {0:F2} CPU ms/request", c) : "",
            GeneratorCpuMsPerRequest is { } g ? string.Format(CultureInfo.InvariantCulture, " (load generator {0:F2})", g) : "");
}
