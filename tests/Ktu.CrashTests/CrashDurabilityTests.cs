using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Ktu.CrashTests;

/// <summary>
/// Pulls the plug on the real app again and again: applicants in several municipalities save drafts and
/// submit over HTTP while the process is killed with SIGKILL at a random moment; then the database file
/// is checked on its own and the app is started again on it. Every acknowledged save and submit must be
/// there, nothing may be half-written, and SQLite's integrity check must pass.
/// After each kill the whole file is checked (integrity, foreign keys, submission counts, data-protection
/// keys), each application's stored state against its last acknowledged save, every submit acknowledged since
/// the last kill and a random sample of at most <see cref="SampleSize"/> older ones; after the last cycle every
/// acknowledged submit is checked once more. So a cycle costs about the same at cycle 1 and at cycle 500.
/// A connection that dies in any way counts as "no answer" (the write is unacknowledged), and a token the app
/// refuses when it is no longer fresh (tokens last an hour) means logging in again (<see cref="Logins"/>).
/// KTU_CRASH_CYCLES sets the number of kills (default 10; ./soak.sh runs 200), KTU_CRASH_SEED the random seed.
/// </summary>
public sealed partial class CrashDurabilityTests(ITestOutputHelper output)
{
    /// <summary>How many of the submits acknowledged before the last kill each cycle looks up again.</summary>
    public const int SampleSize = 50;

    private const string Admin = "admin@demo.ktu";

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

    /// <summary>What was checked, and how, over the whole run.</summary>
    private sealed class Tally
    {
        public int ApplicationChecks { get; set; }
        public int NewSubmitChecks { get; set; }
        public int SampledSubmitChecks { get; set; }
        public int FinalSubmitChecks { get; set; }
        public int ConnectionsLostBeforeKill { get; set; }
    }

    [Fact]
    public async Task Acknowledged_saves_and_submits_survive_SIGKILL_at_random_moments()
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("KTU_CRASH_CYCLES"), CultureInfo.InvariantCulture, out var c) ? c : 10;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KTU_CRASH_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        // A random source of its own for the samples, so the seed still repeats the kill moments.
        var sampling = new Random(unchecked(seed + 1));
        Say($"{cycles} cycles, seed {seed} (KTU_CRASH_SEED={seed} repeats the kill moments); each cycle checks the submits new since the last kill and a sample of up to {SampleSize} older ones");

        var work = Directory.CreateTempSubdirectory("ktu-crash-");
        var database = Path.Combine(work.FullName, "ktu.db");
        var ledgers = Municipalities.Select(m => new Ledger(m)).ToList();
        var problems = new List<string>();
        // Tokens are kept across cycles: those issued before a kill are used after the restart (the
        // data-protection keys that sign them are in the database), until they expire and Logins logs in again.
        var logins = new Logins();
        var keysSeen = new HashSet<string>(StringComparer.Ordinal);
        var tally = new Tally();
        var checkedBefore = new List<AcknowledgedSubmit>();
        var run = Stopwatch.StartNew();
        var done = 0;
        try
        {
            for (var cycle = 1; cycle <= cycles && problems.Count == 0; cycle++)
            {
                using var http = new HttpClient();
                var clock = Stopwatch.StartNew();
                using var app = KtuProcess.Start(database);
                await app.WaitHealthyAsync(http);
                var started = clock.Elapsed;
                var reloginsBefore = logins.Relogins;
                if (cycle > 1)
                {
                    // The app came back on the killed database; its own audit-chain check must agree.
                    problems.AddRange((await VerifyAuditChainAsync(http, app.Url, logins)).Select(p => $"cycle {cycle}: {p}"));
                }
                var savesBefore = ledgers.Sum(l => l.AcknowledgedSaves);

                var firstSave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var applicants = ledgers.Select(l => new Applicant(l, http, app.Url, cycle, firstSave, logins)).ToList();
                var running = applicants.Select(a => Task.Run(a.RunAsync)).ToList();

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
                var killedAt = Stopwatch.GetTimestamp();
                var killed = clock.Elapsed;
                if (!app.KillHard())
                {
                    problems.Add($"cycle {cycle}: the app stopped on its own (exit code {app.ExitCode}) before the kill:\n{app.LastOutput}");
                }
                await Task.WhenAll(running);
                // A connection lost before the kill while the app ran: the app hung past HttpClient's timeout or
                // closed a connection; the write is unacknowledged all the same, but it is worth counting.
                var lostBeforeKill = applicants.Count(a => a.ConnectionLost is { } lost && lost.At < killedAt);
                tally.ConnectionsLostBeforeKill += lostBeforeKill;

                problems.AddRange(applicants.SelectMany(a => a.Unexpected).Select(u => $"cycle {cycle}: unexpected answer: {u}"));
                problems.AddRange(logins.TakeProblems().Select(p => $"cycle {cycle}: {p}"));

                var newSubmits = ledgers.SelectMany(l => l.AcknowledgedSubmits.Where(x => x.Cycle == cycle)).ToList();
                var sampled = Sample.Indices(checkedBefore.Count, SampleSize, sampling).Select(i => checkedBefore[i]).ToList();
                var checking = Stopwatch.StartNew();
                var (found, applicationsChecked) = Check(database, ledgers, [.. newSubmits, .. sampled], keysSeen, logins.Issued > 0);
                problems.AddRange(found.Select(p => $"cycle {cycle}: {p}"));
                tally.ApplicationChecks += applicationsChecked;
                tally.NewSubmitChecks += newSubmits.Count;
                tally.SampledSubmitChecks += sampled.Count;
                var olderCount = checkedBefore.Count;
                checkedBefore.AddRange(newSubmits);
                done = cycle;

                Say(FormattableString.Invariant(
                    $"cycle {cycle}: up after {started.TotalSeconds:0.0} s, writing after {writing.TotalSeconds:0.0} s, killed after {killed.TotalSeconds:0.0} s{(lostBeforeKill > 0 ? $" ({lostBeforeKill} connections lost before the kill)" : "")}; ") +
                    FormattableString.Invariant(
                    $"since the last kill {ledgers.Sum(l => l.AcknowledgedSaves) - savesBefore} saves and {newSubmits.Count} submits acknowledged; ") +
                    FormattableString.Invariant(
                    $"checked {applicationsChecked} applications against their last acknowledged save, {newSubmits.Count} new submits and {sampled.Count} of {olderCount} older submits sampled, in {checking.Elapsed.TotalSeconds:0.00} s; ") +
                    FormattableString.Invariant(
                    $"{logins.Relogins - reloginsBefore} re-logins; cycle took {clock.Elapsed.TotalSeconds:0.0} s; so far {ledgers.Sum(l => l.AcknowledgedSaves)} saves and {checkedBefore.Count} submits acknowledged, {logins.Relogins} re-logins, {problems.Count} problems"));
            }

            // One last start: the app must come up on the database the last kill left, with an audit chain that
            // verifies. Dispose kills it once more.
            using (var http = new HttpClient())
            using (var app = KtuProcess.Start(database))
            {
                await app.WaitHealthyAsync(http);
                problems.AddRange((await VerifyAuditChainAsync(http, app.Url, logins)).Select(p => $"final start: {p}"));
                problems.AddRange(logins.TakeProblems().Select(p => $"final start: {p}"));
            }

            // The full final check: every acknowledged submit, not a sample.
            var everything = ledgers.SelectMany(l => l.AcknowledgedSubmits).ToList();
            var (finalProblems, finalApplications) = Check(database, ledgers, everything, keysSeen, logins.Issued > 0);
            problems.AddRange(finalProblems.Select(p => $"final check: {p}"));
            tally.FinalSubmitChecks = everything.Count;
            tally.ApplicationChecks += finalApplications;

            var saves = ledgers.Sum(l => l.AcknowledgedSaves);
            var sent = ledgers.Sum(l => l.Sent.Count);
            var submitChecks = tally.NewSubmitChecks + tally.SampledSubmitChecks + tally.FinalSubmitChecks;
            Say(FormattableString.Invariant(
                $"SUMMARY: {done} of {cycles} SIGKILL cycles in {run.Elapsed.TotalMinutes:0.0} min, {sent} saves sent, {saves} saves and {everything.Count} submits acknowledged; ") +
                FormattableString.Invariant(
                $"checked: {tally.ApplicationChecks} application states against the last acknowledged save (after every kill), ") +
                FormattableString.Invariant(
                $"{submitChecks} submit look-ups ({tally.NewSubmitChecks} new since the last kill, {tally.SampledSubmitChecks} sampled older ones, {tally.FinalSubmitChecks} in the full final check); ") +
                FormattableString.Invariant(
                $"{logins.Relogins} re-logins ({logins.AfterExpiry} after expiry, {logins.BeforeExpiry} before expiry), {tally.ConnectionsLostBeforeKill} connections lost before a kill; {problems.Count} problems"));
            Assert.True(problems.Count == 0, string.Join('\n', problems.Take(30)));
            Assert.True(saves > 0, "No save was acknowledged: the harness checked nothing.");
            Assert.True(done == cycles, $"Only {done} of {cycles} cycles ran.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>GET /api/v1/audit/verify as the administrator (logging in again if the token is refused); what is wrong, if anything.</summary>
    private static async Task<List<string>> VerifyAuditChainAsync(HttpClient http, string url, Logins logins)
    {
        try
        {
            using var verify = await logins.SendAsync(http, url, Admin, token =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url + "/api/v1/audit/verify"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            });
            if (verify is null)
            {
                return ["audit chain not verified: no token the app accepts (the login problem is reported on its own)"];
            }
            var body = await verify.Content.ReadAsStringAsync();
            return verify.IsSuccessStatusCode && body.Contains("\"valid\":true", StringComparison.Ordinal)
                ? []
                : [$"audit chain after restart: {(int)verify.StatusCode} {body}"];
        }
        catch (Exception e) when (Transport.IsConnectionFailure(e))
        {
            // Nobody killed the app here: it should be up.
            return [$"audit chain not verified: the connection failed ({e.GetType().Name}: {e.Message}) while the app should be up"];
        }
    }

    [GeneratedRegex(@"\[krasj \d+ syklus \d+ nr \d+\]")]
    private static partial Regex MarkerPattern();

    /// <summary>
    /// The database file after a kill, opened on its own (SQLite replays the write-ahead log): the whole file,
    /// each application against its ledger, and the acknowledged <paramref name="submits"/> given. Returns the
    /// problems and how many applications were checked.
    /// </summary>
    private static (List<string> Problems, int Applications) Check(
        string database, List<Ledger> ledgers, IReadOnlyList<AcknowledgedSubmit> submits, HashSet<string> keysSeen, bool tokensIssued)
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

        // The keys that sign the bearer tokens are in the database: once a token was issued there is one, and
        // no key seen after an earlier kill may be gone (tokens signed with it would stop working).
        var keys = Rows(db, "SELECT FriendlyName FROM DataProtectionKeys").Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        if (tokensIssued && keys.Count == 0)
        {
            problems.Add("no data-protection key is stored, yet the app has issued tokens");
        }
        problems.AddRange(keysSeen.Where(k => !keys.Contains(k)).Select(k => $"data-protection key {k} is gone"));
        keysSeen.UnionWith(keys);

        var storedIds = new Dictionary<Ledger, string>();
        foreach (var ledger in ledgers.Where(l => l.ApplicationId is not null))
        {
            var stored = Rows(db, "SELECT Id, Version, Document FROM Applications WHERE upper(Id) = upper($id)", ("$id", ledger.ApplicationId!));
            if (stored.Count != 1)
            {
                problems.Add($"{ledger.Municipality}: the application {ledger.ApplicationId} is missing");
                continue;
            }
            storedIds[ledger] = stored[0][0];
            var version = int.Parse(stored[0][1], CultureInfo.InvariantCulture);
            var document = stored[0][2];
            if (version < ledger.AcknowledgedVersion)
            {
                problems.Add($"{ledger.Municipality}: version {version} is older than the acknowledged {ledger.AcknowledgedVersion}");
            }
            // The stored content is the last acknowledged save or a later one that was in flight, never an older one.
            var markers = MarkerPattern().Matches(document).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
            var unknown = markers.Where(m => !ledger.SentIndex.ContainsKey(m)).ToList();
            var found = markers.Where(ledger.SentIndex.ContainsKey).Select(m => (m, i: ledger.SentIndex[m])).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{ledger.Municipality}: content holds {string.Join(", ", unknown)}, never sent by this applicant");
            }
            if (ledger.Sent.Count > 0 && found.Count != 1)
            {
                problems.Add($"{ledger.Municipality}: expected one save's content, found {found.Count} (last acknowledged {Last(ledger)})");
            }
            else if (found.Count == 1 && found[0].i < ledger.LastAcknowledged)
            {
                problems.Add($"{ledger.Municipality}: content is {found[0].m}, older than the acknowledged {Last(ledger)}");
            }
        }

        // Each checked submit has its audit entry, written in the same transaction as the submission: one indexed
        // read of an application's "application.submitted" entries instead of a scan of them per submit.
        var audited = submits.Select(x => x.Ledger).Distinct().Where(storedIds.ContainsKey).ToDictionary(l => l, SubmittedShas);
        Dictionary<string, int> SubmittedShas(Ledger ledger)
        {
            var shas = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in Rows(db, "SELECT After FROM AuditEntries WHERE EntityType = 'application' AND EntityId = $entity AND Action = 'application.submitted'",
                ("$entity", ledger.ApplicationId!.ToLowerInvariant())))
            {
                if (JsonNode.Parse(row[0])?["sha256"]?.GetValue<string>() is { } sha)
                {
                    shas[sha] = shas.GetValueOrDefault(sha) + 1;
                }
            }
            return shas;
        }

        foreach (var submit in submits)
        {
            var ledger = submit.Ledger;
            if (!storedIds.TryGetValue(ledger, out var id))
            {
                continue; // the missing application is reported above
            }
            var rows = Rows(db, "SELECT Reference, Sha256, Snapshot FROM ApplicationSubmissions WHERE ApplicationId = $id AND ApplicationVersion = $version AND Number = $number",
                ("$id", id), ("$version", submit.Version), ("$number", submit.Number));
            if (rows.Count != 1)
            {
                problems.Add($"{ledger.Municipality}: acknowledged submit of version {submit.Version} (cycle {submit.Cycle}) stored {rows.Count} times");
                continue;
            }
            if (rows[0][0] != submit.Reference || rows[0][1] != submit.Sha256 || Sha256(rows[0][2]) != submit.Sha256)
            {
                problems.Add($"{ledger.Municipality}: submission of version {submit.Version} (cycle {submit.Cycle}) differs from its receipt");
            }
            else if (!rows[0][2].Contains(submit.Marker, StringComparison.Ordinal))
            {
                problems.Add($"{ledger.Municipality}: submission of version {submit.Version} (cycle {submit.Cycle}) lacks {submit.Marker}, the content saved as that version");
            }
            var entries = audited[ledger].GetValueOrDefault(submit.Sha256);
            if (entries != 1)
            {
                problems.Add($"{ledger.Municipality}: acknowledged submit of version {submit.Version} (cycle {submit.Cycle}) has {entries} audit entries");
            }
        }
        return (problems, storedIds.Count);
    }

    private static string Last(Ledger ledger) => ledger.LastAcknowledged >= 0 ? ledger.Sent[ledger.LastAcknowledged] : "none";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static List<string[]> Rows(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
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
