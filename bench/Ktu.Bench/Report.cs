using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ktu.Bench;

internal static class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes latest.md/.json, or latest-postgres.md/.json for a PostgreSQL run.</summary>
    public static string Write(string root, IReadOnlyList<Row> rows, bool quick, BenchDatabase database)
    {
        var dir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(dir);
        var commit = Git(root, "rev-parse --short HEAD");
        var machine = $"{Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
        var when = DateTimeOffset.UtcNow;
        // Other work on a shared machine shows here; with a load far above the core count, trust ratios only.
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# KTU benchmark {(quick ? "(quick)" : "")}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {when:yyyy-MM-dd HH:mm} UTC on {machine}, commit {commit}, database {database.Name}, load average at the end {load}. Latencies in ms, measured from each request's scheduled start (open model). Peak RSS is the resident set of the process under test during that scenario (VmHWM, reset per scenario); CPU ms/request is that process's user + system CPU time divided by the requests sent, which depends little on other load; load generator CPU ms/request is the same for this harness, which shares the cores.");
        md.AppendLine();
        md.AppendLine("| scenario | database | rate/s | done/s | p50 | p95 | p99 | max | ok | failed | ratio p50 / p99 vs baseline | peak RSS MB | CPU ms/request | load generator CPU ms/request |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var r in rows)
        {
            if (r.Note is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {database.Name} | | | | | | | | | {r.Note} | | | |");
                continue;
            }
            var ratio = r.RatioP50 is { } a && r.RatioP99 is { } b ? string.Create(CultureInfo.InvariantCulture, $"×{a:F2} / ×{b:F2} ({r.Baseline})") : "(baseline)";
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {database.Name} | {r.Rate:F0} | {r.Throughput:F0} | {r.P50:F2} | {r.P95:F2} | {r.P99:F2} | {r.Max:F1} | {r.Ok} | {r.Failed} | {ratio} | {(r.PeakMb is { } m ? m.ToString("F0", CultureInfo.InvariantCulture) : "")} | {(r.CpuMsPerRequest is { } c ? c.ToString("F2", CultureInfo.InvariantCulture) : "")} | {(r.GeneratorCpuMsPerRequest is { } g ? g.ToString("F2", CultureInfo.InvariantCulture) : "")} |"));
        }
        var text = md.ToString();
        var name = database.IsPostgres ? "latest-postgres" : "latest";
        File.WriteAllText(Path.Combine(dir, name + ".md"), text);
        File.WriteAllText(Path.Combine(dir, name + ".json"), JsonSerializer.Serialize(new { when, machine, load, commit, database = database.Name, quick, rows }, Indented));
        return text;
    }

    private static string Git(string root, string args)
    {
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = root, RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return s;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
