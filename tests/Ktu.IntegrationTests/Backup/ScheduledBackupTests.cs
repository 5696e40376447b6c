using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Backup;

/// <summary>The scheduled SQLite backup: one interval on the fake clock makes a copy and keeps only the newest few.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factory through IAsyncLifetime, which also deletes its database.")]
public sealed class ScheduledBackupTests : IAsyncLifetime
{
    private const int Keep = 2;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ktu-tests", "scheduled-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly KtuFactory _factory = new();

    public ScheduledBackupTests()
    {
        _factory.Settings["Backup:Folder"] = _folder;
        _factory.Settings["Backup:IntervalMinutes"] = "60";
        _factory.Settings["Backup:Keep"] = Keep.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task One_interval_makes_a_copy_that_opens_and_deletes_the_copies_beyond_retention()
    {
        if (KtuFactory.OnPostgres)
        {
            return; // PostgreSQL is backed up with pg_dump (PostgresDumpTests); the schedule does nothing there
        }
        // Three older copies (the newest of them a second one within the same second), a half-written copy and someone's note.
        Directory.CreateDirectory(_folder);
        string[] older = ["ktu-20261120T090000Z.db", "ktu-20261121T090000Z.db", "ktu-20261121T090000Z-2.db"];
        foreach (var name in older)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, name), "gammel kopi");
        }
        await File.WriteAllTextAsync(Path.Combine(_folder, "ktu-20261119T090000Z.db.partial"), "avbrutt");
        await File.WriteAllTextAsync(Path.Combine(_folder, "notat.txt"), "ikke en kopi");

        using (var health = await _factory.CreateBrowserClient().GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        Assert.Equal(3, Backups().Count); // nothing happens before the interval has passed

        // The timer may start just after the app answers, so the clock moves an interval at a time until a copy appears.
        // Each step waits long enough for a copy that one step started, so no second copy is started meanwhile.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Backups().All(older.Contains) && DateTime.UtcNow < deadline)
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(60));
            var step = DateTime.UtcNow.AddSeconds(15);
            while (Backups().All(older.Contains) && DateTime.UtcNow < step)
            {
                await Task.Delay(100);
            }
        }
        while (Backups().Count > Keep && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100); // the old copies go right after the new one is written
        }

        var kept = Backups();
        Assert.Equal(Keep, kept.Count);
        Assert.Contains("ktu-20261121T090000Z-2.db", kept); // newer than the one without a number
        var newest = Assert.Single(kept, name => !older.Contains(name));
        Assert.StartsWith("ktu-202611", newest, StringComparison.Ordinal);
        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Ktu.Web.Data.AppDbContext>();
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "backup.scheduled");
            Assert.Equal(newest, entry.EntityId);
            Assert.Null(entry.ActorUserId);
        }
        Assert.True(File.Exists(Path.Combine(_folder, "ktu-20261119T090000Z.db.partial")));
        Assert.True(File.Exists(Path.Combine(_folder, "notat.txt")));

        // The new copy is a complete SQLite database of the app.
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, newest), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync();
        using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        check.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\";";
        Assert.True((long)(await check.ExecuteScalarAsync())! > 0);
    }

    private List<string> Backups() =>
        [.. Directory.EnumerateFiles(_folder, "ktu-*.db").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];
}
