using Microsoft.Data.Sqlite;

namespace Ktu.Web.Data;

/// <summary>
/// Puts the SQLite file in write-ahead-log mode once at start-up, before anything else opens it. The mode is
/// stored in the file, so every later connection uses it. It cannot be a per-connection pragma: EF first
/// checks that the file exists on a read-only connection, and a read-only connection cannot switch a file in
/// another journal mode (a restored <c>sqlite3 .backup</c> copy, say) to WAL, so start-up failed on such a file.
/// </summary>
internal static class SqliteWriteAheadLog
{
    public static async Task EnableAsync(string connectionString, CancellationToken ct = default)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // Switching needs the file to itself for a moment; wait for a process that is just letting go.
        command.CommandText = "PRAGMA busy_timeout=15000";
        await command.ExecuteNonQueryAsync(ct);
        command.CommandText = "PRAGMA journal_mode=WAL";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Databasefilen {builder.DataSource} kunne ikke settes i WAL-modus (den er i modus «{mode}»). Sjekk at filen ikke er skrivebeskyttet og at ingen andre prosesser har den åpen.");
        }
    }
}
