using System.Globalization;
using System.Text.RegularExpressions;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Backup;

/// <summary>
/// Takes an online SQLite backup every <c>Backup:IntervalMinutes</c> (default 1440, once a day; 0 turns it off) into the
/// backup folder, and then keeps the newest <c>Backup:Keep</c> copies there (default 7), manual ones included, deleting
/// the older ones. The first copy is taken one interval after start, so restarts do not pile up copies. PostgreSQL is
/// backed up with its own tools (docs/backup.md), so there it does nothing.
/// </summary>
internal sealed partial class ScheduledBackup(
    IServiceScopeFactory scopes, DatabaseInfo database, IConfiguration configuration, TimeProvider time, ILogger<ScheduledBackup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Backup:IntervalMinutes", 1440);
        if (minutes <= 0 || database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var keep = Math.Max(1, configuration.GetValue("Backup:Keep", 7));
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var source = db.Database.GetConnectionString()
                        ?? throw new InvalidOperationException("The SQLite connection string is missing.");
                    var folder = BackupApi.BackupFolder(configuration, source);
                    var now = time.GetUtcNow();
                    var made = await Task.Run(() => SqliteBackup.Write(source, folder, now), stoppingToken);
                    var deleted = BackupRetention.KeepNewest(folder, keep);
                    db.AuditEntries.Add(SqliteBackup.AuditEntryFor(made, folder, "backup.scheduled", null, null));
                    await db.SaveChangesAsync(stoppingToken);
                    LogMade(logger, made.FileName, made.SizeBytes, deleted.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup {FileName} ({SizeBytes} bytes) made; {Deleted} older copies deleted.")]
    private static partial void LogMade(ILogger logger, string fileName, long sizeBytes, int deleted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup failed; the next interval tries again.")]
    private static partial void LogFailed(ILogger logger, Exception e);
}

/// <summary>Which backup copies go when only the newest few are kept.</summary>
internal static partial class BackupRetention
{
    /// <summary>
    /// Deletes every complete backup (<c>ktu-&lt;UTC time&gt;[-n].db</c>) but the newest <paramref name="keep"/>, newest by the
    /// time in its name (a file's own times change when it is copied). Other files in the folder are left alone.
    /// </summary>
    /// <returns>The names of the deleted copies.</returns>
    public static IReadOnlyList<string> KeepNewest(string folder, int keep)
    {
        var backups = Directory.EnumerateFiles(folder, "ktu-*.db")
            .Select(path => (Path: path, Name: BackupName().Match(Path.GetFileName(path))))
            .Where(b => b.Name.Success)
            .OrderByDescending(b => b.Name.Groups["time"].Value, StringComparer.Ordinal)
            .ThenByDescending(b => b.Name.Groups["n"].Success ? int.Parse(b.Name.Groups["n"].Value, CultureInfo.InvariantCulture) : 1)
            .ToList();
        var deleted = new List<string>();
        foreach (var old in backups.Skip(keep))
        {
            File.Delete(old.Path);
            deleted.Add(Path.GetFileName(old.Path));
        }
        return deleted;
    }

    [GeneratedRegex(@"^ktu-(?<time>\d{8}T\d{6}Z)(?:-(?<n>\d{1,6}))?\.db$")]
    private static partial Regex BackupName();
}
