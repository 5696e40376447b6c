using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Backup;

public sealed record BackupResult(string FileName, long SizeBytes, DateTimeOffset CreatedAt, string IntegrityCheck);

/// <summary>
/// Online backup of the SQLite database while the app runs. SQLite's backup API copies a consistent
/// snapshot (one read transaction on the write-ahead log), so saves and submits go on meanwhile.
/// Restore: stop the app, copy the backup file over the database file, delete the -wal and -shm files
/// next to it, start the app (README, "Sikkerhetskopi"). PostgreSQL is backed up with pg_dump.
/// </summary>
public static class BackupApi
{
    public static void MapBackupApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/admin/backup", BackupAsync)
            .WithTags("Drift")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Ta sikkerhetskopi av SQLite-databasen mens systemet er i bruk. Kopien legges i sikkerhetskopimappen (Backup:Folder); svaret gir filnavn, størrelse og resultatet av integritetskontrollen.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Ok<BackupResult>, ProblemHttpResult>> BackupAsync(
        AppDbContext db, CurrentUser me, DatabaseInfo database, IConfiguration configuration, TimeProvider time, CancellationToken ct)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = BackupTexts.Backup_OnlySqlite,
            });
        }
        var source = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The SQLite connection string is missing.");
        var folder = BackupFolder(configuration, source);
        var now = time.GetUtcNow();
        var result = await Task.Run(() => SqliteBackup.Write(source, folder, now), ct);
        // A copy of the whole database leaves the app's control: who made it, when and where is in the trail.
        db.AuditEntries.Add(SqliteBackup.AuditEntryFor(result, folder, "backup.made", me.Id, me.Email));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(result);
    }

    /// <summary>Backup:Folder if set, otherwise a "backup" folder next to the database file.</summary>
    internal static string BackupFolder(IConfiguration configuration, string sqliteConnectionString)
    {
        var configured = configuration["Backup:Folder"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        var dataSource = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSource))!, "backup");
    }
}

internal static class SqliteBackup
{
    /// <summary>The audit entry for a backup made; <paramref name="actorUserId"/> is null for the scheduled one.</summary>
    public static Domain.Audit.AuditEntry AuditEntryFor(BackupResult made, string folder, string action, string? actorUserId, string? actorEmail) =>
        Domain.Audit.AuditEntry.Create(made.CreatedAt, actorUserId, actorEmail, action, "backup", made.FileName,
            after: new { made.FileName, folder, made.SizeBytes, made.IntegrityCheck });

    private static readonly Lock OneAtATime = new();

    /// <summary>
    /// Copies the database to a temporary file, checks it, and only then gives it its final name, so a
    /// file with a backup name is always complete.
    /// </summary>
    public static BackupResult Write(string sourceConnectionString, string folder, DateTimeOffset now)
    {
        lock (OneAtATime)
        {
            Directory.CreateDirectory(folder);
            var name = $"ktu-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
            var fileName = name + ".db";
            for (var n = 2; File.Exists(Path.Combine(folder, fileName)); n++)
            {
                fileName = $"{name}-{n}.db";
            }
            var final = Path.Combine(folder, fileName);
            var partial = final + ".partial";
            var target = new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString();
            string integrity;
            using (var from = new SqliteConnection(sourceConnectionString))
            using (var to = new SqliteConnection(target))
            {
                from.Open();
                to.Open();
                // The copy keeps the app's journal mode (WAL): the app opens its database read-only first
                // and cannot switch a restored file to WAL from there. Closing the last connection folds
                // the log back into the file, so the backup is still one self-contained file.
                Scalar(to, "PRAGMA journal_mode=WAL;");
                from.BackupDatabase(to);
                integrity = Scalar(to, "PRAGMA integrity_check;");
            }
            if (integrity != "ok")
            {
                File.Delete(partial);
                throw new InvalidOperationException($"The backup failed its integrity check: {integrity}");
            }
            File.Move(partial, final);
            return new BackupResult(fileName, new FileInfo(final).Length, now, integrity);
        }
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var last = "";
        do
        {
            while (reader.Read())
            {
                last = reader.GetString(0);
            }
        }
        while (reader.NextResult());
        return last;
    }
}
