using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Ktu.CrashTests;

/// <summary>
/// Pulls the plug on the real app again and again: applicants in several municipalities save drafts and
/// submit over HTTP while the process is killed with SIGKILL at a random moment; then the database file
/// is checked on its own and the app is started again on it. Every acknowledged save and submit must be
/// there, nothing may be half-written, and SQLite's integrity check must pass.
/// KTU_CRASH_CYCLES sets the number of kills (default 10; ./soak.sh runs 200), KTU_CRASH_SEED the random seed.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    /// <summary>KTU_CRASH_LOG names a file that gets every line as it happens (soak runs are long; xUnit shows output only at the end).</summary>
    private static readonly string? ProgressFile = Environment.GetEnvironmentVariable("KTU_CRASH_LOG");

    private void Say(string line)
    {
        output.WriteLine(line);
        if (!string.IsNullOrEmpty(ProgressFile))
        {
            File.AppendAllText(ProgressFile, line + Environment.NewLine);
        }
    }

    /// <summary>Trondheim, Oslo, Bergen, Stavanger, Bodø, Kristiansand: six embeter writing at once.</summary>
    private static readonly string[] Municipalities = ["5001", "0301", "4601", "1103", "1804", "4204"];

    [Fact]
    public async Task Acknowledged_saves_and_submits_survive_SIGKILL_at_random_moments()
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("KTU_CRASH_CYCLES"), CultureInfo.InvariantCulture, out var c) ? c : 10;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KTU_CRASH_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        Say($"{cycles} cycles, seed {seed} (KTU_CRASH_SEED={seed} repeats the kill moments)");

        var work = Directory.CreateTempSubdirectory("ktu-crash-");
        var database = Path.Combine(work.FullName, "ktu.db");
        var ledgers = Municipalities.Select(m => new Ledger(m)).ToList();
        var problems = new List<string>();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            for (var cycle = 1; cycle <= cycles && problems.Count == 0; cycle++)
            {
                using var http = new HttpClient();
                var clock = Stopwatch.StartNew();
                using var app = KtuProcess.Start(database);
                await app.WaitHealthyAsync(http);
                var started = clock.Elapsed;
                // Tokens from the first start are used after every restart: the data-protection keys that
                // sign them are in the database and must survive the kills too (a 401 is unexpected).
                foreach (var email in ledgers.Select(l => $"soker.{l.Municipality}@demo.ktu").Append("admin@demo.ktu"))
                {
                    if (!tokens.ContainsKey(email))
                    {
                        tokens[email] = await Applicant.TokenAsync(http, app.Url, email);
                    }
                }
                if (cycle > 1)
                {
                    // The app came back on the killed database; its own audit-chain check must agree.
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Url + "/api/v1/audit/verify"));
                    request.Headers.Authorization = new("Bearer", tokens["admin@demo.ktu"]);
                    using var verify = await http.SendAsync(request);
                    var body = await verify.Content.ReadAsStringAsync();
                    if (!verify.IsSuccessStatusCode || !body.Contains("\"valid\":true", StringComparison.Ordinal))
                    {
                        problems.Add($"cycle {cycle}: audit chain after restart: {(int)verify.StatusCode} {body}");
                    }
                }

                var firstSave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var applicants = ledgers.Select(l => new Applicant(l, http, app.Url, cycle, firstSave)).ToList();
                var running = applicants.Select(a => Task.Run(() => a.RunAsync(tokens[$"soker.{a.Municipality}@demo.ktu"]))).ToList();

                // A random moment once every applicant is writing: in one cycle of five within half a second
                // (often before any save is through), otherwise up to 2 s after the first save was acknowledged.
                await Task.WhenAll(applicants.Select(a => a.Ready.Task));
                var writing = clock.Elapsed;
                if (random.Next(5) > 0)
                {
                    await Task.WhenAny(firstSave.Task, Task.WhenAll(running));
                    await Task.Delay(random.Next(0, 2000));
                }
                else
                {
                    await Task.Delay(random.Next(0, 500));
                }
                app.KillHard();
                await Task.WhenAll(running);

                problems.AddRange(applicants.SelectMany(a => a.Unexpected).Select(u => $"cycle {cycle}: unexpected answer: {u}"));
                problems.AddRange(Check(database, ledgers).Select(p => $"cycle {cycle}: {p}"));
                Say(FormattableString.Invariant(
                    $"cycle {cycle}: up after {started.TotalSeconds:0.0} s, writing after {writing.TotalSeconds:0.0} s, killed; {ledgers.Sum(l => l.AcknowledgedSaves)} saves and {ledgers.Sum(l => l.AcknowledgedSubmits.Count)} submits acknowledged so far"));
            }

            // One last start: the app must come up on the database the last kill left.
            using (var http = new HttpClient())
            using (var app = KtuProcess.Start(database))
            {
                await app.WaitHealthyAsync(http);
            }

            var saves = ledgers.Sum(l => l.AcknowledgedSaves);
            var submits = ledgers.Sum(l => l.AcknowledgedSubmits.Count);
            var sent = ledgers.Sum(l => l.Sent.Count);
            Say($"SUMMARY: {cycles} SIGKILL cycles, {sent} saves sent, {saves} acknowledged saves and {submits} acknowledged submits checked, {problems.Count} problems");
            Assert.True(problems.Count == 0, string.Join('\n', problems.Take(30)));
            Assert.True(saves > 0, "No save was acknowledged: the harness checked nothing.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>The database file after a kill, opened on its own (SQLite replays the write-ahead log).</summary>
    private static List<string> Check(string database, List<Ledger> ledgers)
    {
        var problems = new List<string>();
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        db.Open();

        var integrity = Rows(db, "PRAGMA integrity_check").Select(r => r[0]).ToList();
        if (integrity is not ["ok"])
        {
            problems.Add("integrity_check: " + string.Join("; ", integrity));
        }
        var foreignKeys = Rows(db, "PRAGMA foreign_key_check");
        if (foreignKeys.Count > 0)
        {
            problems.Add($"foreign_key_check: {foreignKeys.Count} rows point to nothing");
        }

        // Nothing half-written: an application's submission count and its submission rows agree, and a
        // version is submitted at most once.
        foreach (var row in Rows(db, """
            SELECT a.Id, a.SubmissionCount, (SELECT count(*) FROM ApplicationSubmissions s WHERE s.ApplicationId = a.Id)
            FROM Applications a
            """))
        {
            if (row[1] != row[2])
            {
                problems.Add($"application {row[0]} says {row[1]} submissions but has {row[2]} rows");
            }
        }
        foreach (var row in Rows(db, "SELECT ApplicationId, ApplicationVersion, count(*) FROM ApplicationSubmissions GROUP BY ApplicationId, ApplicationVersion HAVING count(*) > 1"))
        {
            problems.Add($"application {row[0]} version {row[1]} submitted {row[2]} times");
        }

        foreach (var ledger in ledgers.Where(l => l.ApplicationId is not null))
        {
            var id = ledger.ApplicationId!.ToUpperInvariant();
            var stored = Rows(db, $"SELECT Version, Document FROM Applications WHERE upper(Id) = '{id}'");
            if (stored.Count != 1)
            {
                problems.Add($"{ledger.Municipality}: the application {id} is missing");
                continue;
            }
            var version = int.Parse(stored[0][0], CultureInfo.InvariantCulture);
            var document = stored[0][1];
            if (version < ledger.AcknowledgedVersion)
            {
                problems.Add($"{ledger.Municipality}: version {version} is older than the acknowledged {ledger.AcknowledgedVersion}");
            }
            // The stored content is the last acknowledged save or a later one that was in flight, never an older one.
            var found = ledger.Sent.Select((m, i) => (m, i)).Where(x => document.Contains(x.m, StringComparison.Ordinal)).ToList();
            if (ledger.Sent.Count > 0 && found.Count != 1)
            {
                problems.Add($"{ledger.Municipality}: expected one save's content, found {found.Count} (last acknowledged {Last(ledger)})");
            }
            else if (found.Count == 1 && found[0].i < ledger.LastAcknowledged)
            {
                problems.Add($"{ledger.Municipality}: content is {found[0].m}, older than the acknowledged {Last(ledger)}");
            }
            foreach (var (submitted, number, reference, sha) in ledger.AcknowledgedSubmits)
            {
                var rows = Rows(db, $"SELECT Reference, Sha256, Snapshot FROM ApplicationSubmissions WHERE upper(ApplicationId) = '{id}' AND ApplicationVersion = {submitted} AND Number = {number}");
                if (rows.Count != 1)
                {
                    problems.Add($"{ledger.Municipality}: acknowledged submit of version {submitted} stored {rows.Count} times");
                }
                else if (rows[0][0] != reference || rows[0][1] != sha || Sha256(rows[0][2]) != sha)
                {
                    problems.Add($"{ledger.Municipality}: submission of version {submitted} differs from its receipt");
                }
            }
        }
        return problems;
    }

    private static string Last(Ledger ledger) => ledger.LastAcknowledged >= 0 ? ledger.Sent[ledger.LastAcknowledged] : "none";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static List<string[]> Rows(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }
            rows.Add(row);
        }
        return rows;
    }
}
