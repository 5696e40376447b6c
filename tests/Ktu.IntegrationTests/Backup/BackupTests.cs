using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Backup;

/// <summary>
/// POST /api/v1/admin/backup: an online SQLite backup taken while drafts are being saved, checked by
/// opening the file and by starting a second app on a restored copy.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factories through IAsyncLifetime, which also deletes their databases.")]
public sealed class BackupTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ktu-tests", "backup-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly KtuFactory _factory = new();
    private readonly KtuFactory _restored = new();

    public BackupTests()
    {
        _factory.Settings["Backup:Folder"] = _folder;
        // A restore keeps the audit trail's key and anchors the restored trail anew, once, as the README's restore steps say.
        if (_factory.Provider == DatabaseProvider.Sqlite)
        {
            _restored.Settings["Audit:KeyFile"] = new SqliteConnectionStringBuilder(_factory.ConnectionString).DataSource + ".audit-anchors.key";
            _restored.Settings["Audit:AnchorExisting"] = "true";
        }
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        await ((IAsyncLifetime)_restored).DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_backup_taken_while_drafts_are_saved_holds_every_earlier_submission_and_restores_to_a_working_app()
    {
        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        if (KtuFactory.OnPostgres)
        {
            using var refused = await admin.PostAsync("/api/v1/admin/backup", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("pg_dump", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return;
        }

        // Submissions made before the backup (Malvik, Frøya, Hitra, Orkland).
        var before = new Dictionary<string, string>(); // application id -> reference
        foreach (var municipality in new[] { "5031", "5014", "5056", "5059" })
        {
            var api = await _factory.ApplicantAsync(municipality);
            var draft = await SaveAsync(api, Complete(await StartAsync(api)));
            using var submitted = await SubmitAsync(api, Id(draft), Version(draft));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            before[Id(draft)] = (await ReadAsync(submitted))["reference"]!.GetValue<string>();
        }

        // Writers keep saving drafts (Melhus, Skaun) while the backup runs.
        using var stop = new CancellationTokenSource();
        var saves = 0;
        var writers = new[] { "5028", "5029" }.Select(m => Task.Run(async () =>
        {
            var api = await _factory.ApplicantAsync(m);
            var draft = await StartAsync(api);
            while (!stop.IsCancellationRequested)
            {
                draft["description"] = $"Lagret {saves}";
                draft = await SaveAsync(api, draft);
                Interlocked.Increment(ref saves);
            }
        })).ToList();
        while (Volatile.Read(ref saves) < 5)
        {
            await Task.Yield();
            await Task.Delay(10);
        }

        using var response = await admin.PostAsync("/api/v1/admin/backup", null);
        var savesAtBackup = Volatile.Read(ref saves);
        while (Volatile.Read(ref saves) < savesAtBackup + 5)
        {
            await Task.Delay(10); // writes go on after the backup too
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fileName = result.GetProperty("fileName").GetString()!;
        Assert.Matches(@"^ktu-\d{8}T\d{6}Z(-\d+)?\.db$", fileName);
        Assert.Equal("ok", result.GetProperty("integrityCheck").GetString());
        var file = Path.Combine(_folder, fileName);
        Assert.Equal(new FileInfo(file).Length, result.GetProperty("sizeBytes").GetInt64());
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));

        // The file on its own: one self-contained file (no log beside it), intact, every earlier submission once.
        Assert.False(File.Exists(file + "-wal"));
        await using (var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await backup.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(backup, "PRAGMA integrity_check"));
            foreach (var (id, reference) in before)
            {
                Assert.Equal("1", await ScalarAsync(backup, $"SELECT count(*) FROM ApplicationSubmissions WHERE upper(ApplicationId) = upper('{id}') AND Reference = '{reference}'"));
            }
        }

        // Restore: the backup file becomes a fresh app's database; the applicant finds the submitted application.
        File.Copy(file, new SqliteConnectionStringBuilder(_restored.ConnectionString).DataSource);
        var (firstId, firstReference) = before.First();
        var owner = await _restored.ApplicantAsync("5031");
        var restored = await GetAsync(owner, firstId);
        Assert.Equal("submitted", restored["status"]!.GetValue<string>());
        Assert.Equal(firstReference, restored["reference"]!.GetValue<string>());
        var audit = await (await _restored.CreateApiClientAsync("admin@demo.ktu")).GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(audit.GetProperty("valid").GetBoolean(), audit.ToString());
    }

    [Fact]
    public async Task A_backup_is_in_the_audit_trail_with_who_made_it_and_where()
    {
        if (KtuFactory.OnPostgres)
        {
            return; // no backup is made here on PostgreSQL (pg_dump, outside the app)
        }
        var admin = await _factory.CreateApiClientAsync("admin@demo.ktu");
        using var response = await admin.PostAsync("/api/v1/admin/backup", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fileName = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileName").GetString()!;

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "backup.made");
        Assert.Equal("admin@demo.ktu", entry.ActorEmail);
        Assert.Equal(fileName, entry.EntityId);
        Assert.Contains(_folder, entry.After!, StringComparison.Ordinal);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(audit.GetProperty("valid").GetBoolean(), audit.ToString());
    }

    [Fact]
    public async Task Only_an_administrator_may_take_a_backup()
    {
        foreach (var email in new[] { "soker.5001@demo.ktu", "saksbehandler.trondelag@demo.ktu", "leder.trondelag@demo.ktu", "direktorat@demo.ktu" })
        {
            var api = await _factory.CreateApiClientAsync(email);
            using var response = await api.PostAsync("/api/v1/admin/backup", null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var anonymous = await _factory.CreateBrowserClient().PostAsync("/api/v1/admin/backup", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(Directory.Exists(_folder) && Directory.EnumerateFiles(_folder).Any());
        await using var scope = _factory.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AnyAsync(e => e.Action == "backup.made"));
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
