using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Backup;

/// <summary>
/// The PostgreSQL backup of docs/backup.md: <c>pg_dump -Fc</c> of a running app's database, <c>pg_restore</c> into an
/// empty database, and the app started on it. Runs only on PostgreSQL (KTU_TEST_POSTGRES); the tools are found in
/// KTU_PG_BIN (./test.sh sets it to the bin folder of the cluster it starts), else in /usr/lib/postgresql, else on PATH.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factories through IAsyncLifetime, which also deletes their databases.")]
public sealed class PostgresDumpTests : IAsyncLifetime
{
    private readonly KtuFactory _original = new();
    private readonly KtuFactory _restored = new();
    private readonly string _dump = Path.Combine(Path.GetTempPath(), "ktu-tests", $"dump-{Guid.NewGuid():N}.dump");

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_original).DisposeAsync();
        await ((IAsyncLifetime)_restored).DisposeAsync();
        File.Delete(_dump);
    }

    [Fact]
    public async Task A_dump_restored_into_an_empty_database_holds_every_submission_and_audit_entry_and_verifies()
    {
        if (!KtuFactory.OnPostgres)
        {
            return; // SQLite has its own online backup (BackupTests)
        }

        // Data made through the app: two submitted applications, one of them withdrawn again, each step audited.
        var submitted = new List<string>();
        foreach (var municipality in new[] { "5001", "5006" })
        {
            var api = await _original.CreateApiClientAsync($"soker.{municipality}@demo.ktu");
            var doc = await SaveAsync(api, Complete(await StartAsync(api)));
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(doc))).StatusCode);
            submitted.Add(Id(doc));
        }
        var withdrawer = await _original.CreateApiClientAsync("soker.5006@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await withdrawer.PostAsync($"/api/v1/applications/{submitted[1]}/withdraw", null)).StatusCode);
        Assert.True((await VerifyAsync(_original)).GetProperty("valid").GetBoolean());
        var before = await ReadAsync(_original);
        Assert.Equal(2, before.Submissions.Count);
        Assert.Contains(before.Audit, e => e.Contains("application.withdrawn", StringComparison.Ordinal));

        // Dumped while the app runs, restored into a database that did not exist before.
        var source = new NpgsqlConnectionStringBuilder(_original.ConnectionString);
        await RunAsync("pg_dump", source, "-Fc", "--no-owner", "-f", _dump, "-d", source.Database!);
        var target = new NpgsqlConnectionStringBuilder(_restored.ConnectionString);
        await using (var server = new NpgsqlConnection(Environment.GetEnvironmentVariable("KTU_TEST_POSTGRES")))
        {
            await server.OpenAsync();
            await using var create = server.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{target.Database}\"";
            await create.ExecuteNonQueryAsync();
        }
        await RunAsync("pg_restore", target, "--no-owner", "--exit-on-error", "-d", target.Database!, _dump);

        // The audit key and anchors go with the restore (docs/backup.md): the restored app uses copies of the original's.
        Directory.CreateDirectory(Path.GetDirectoryName(_restored.PostgresAnchorFile)!);
        File.Copy(_original.PostgresAnchorFile, _restored.PostgresAnchorFile, overwrite: true);
        File.Copy(_original.PostgresAnchorFile + ".key", _restored.PostgresAnchorFile + ".key", overwrite: true);

        var after = await ReadAsync(_restored);
        Assert.Equal(before.Submissions, after.Submissions);
        Assert.Equal(before.Audit, after.Audit);
        var verified = await VerifyAsync(_restored);
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
        var applicant = await _restored.CreateApiClientAsync("soker.5001@demo.ktu");
        Assert.Equal("submitted", (await GetAsync(applicant, submitted[0]))["status"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
    }

    private sealed record Contents(List<string> Submissions, List<string> Audit);

    private static async Task<Contents> ReadAsync(KtuFactory factory)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var submissions = await db.ApplicationSubmissions.AsNoTracking().OrderBy(s => s.Reference)
            .Select(s => s.Reference + " " + s.Sha256 + " " + s.Snapshot).ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence)
            .Select(e => e.Sequence + " " + e.Action + " " + e.EntityId + " " + e.Hash).ToListAsync();
        return new Contents(submissions, audit);
    }

    private static async Task<JsonElement> VerifyAsync(KtuFactory factory)
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        using var response = await admin.GetAsync(new Uri("/api/v1/audit/verify", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder database, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindTool(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", database.Username! }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGPASSWORD"] = database.Password;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await errors}");
    }

    /// <summary>A missing tool fails the test: on PostgreSQL the backup must be shown to work, not skipped.</summary>
    private static string FindTool(string tool)
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("KTU_PG_BIN") is { Length: > 0 } configured)
        {
            folders.Add(configured);
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            folders.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0).Select(d => Path.Combine(d, "bin")));
        }
        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return folders.Select(f => Path.Combine(f, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} was not found (KTU_PG_BIN, /usr/lib/postgresql/*/bin, PATH); install postgresql-client.");
    }
}
