using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Data;

/// <summary>
/// SQLite: a database file in rollback-journal mode (a <c>sqlite3 .backup</c> copy, say) is switched to WAL
/// at start-up, and the app then reads and writes as usual. It used to fail at start-up: EF opens the file
/// read-only first, and the per-connection pragma could not switch the mode on that connection.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factories through IAsyncLifetime, which also deletes their databases.")]
public sealed class JournalModeTests : IAsyncLifetime
{
    private readonly KtuFactory _original = new();
    private readonly KtuFactory _restored = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_original).DisposeAsync();
        await ((IAsyncLifetime)_restored).DisposeAsync();
    }

    [Fact]
    public async Task The_app_starts_on_a_file_in_rollback_journal_mode_switches_it_to_wal_and_reads_and_writes()
    {
        if (KtuFactory.OnPostgres)
        {
            return;
        }
        // A migrated, seeded database, copied with the online backup API and put in rollback-journal mode.
        _ = _original.Services;
        var path = new SqliteConnectionStringBuilder(_restored.ConnectionString).DataSource;
        await using (var source = new SqliteConnection(_original.ConnectionString + ";Pooling=False"))
        await using (var copy = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode=DELETE"));
        }
        Assert.False(File.Exists(path + "-wal"));

        var api = await _restored.ApplicantAsync("5001");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        using var submitted = await SubmitAsync(api, Id(draft), Version(draft));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await GetAsync(api, Id(draft)))["status"]!.GetValue<string>());
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(check, "PRAGMA journal_mode"));
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
