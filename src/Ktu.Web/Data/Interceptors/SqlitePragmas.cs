using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// Sets each SQLite connection up for a server: synchronous=FULL so an acknowledged write survives a power cut,
/// and a busy timeout so a writer waits for the lock instead of failing with "database is locked". The
/// write-ahead log (readers never block the writer) is a mode of the file, set once at start-up by
/// <see cref="SqliteWriteAheadLog"/>: a read-only connection, which EF opens first, cannot switch it.
/// </summary>
/// <remarks>
/// The pragmas belong to the native connection, which the pool keeps open between uses, while EF opens
/// and closes the pooled connection around every query (several times for one draft save). So they run once
/// per native connection, not on every open; the profile in bench/README.md found them on every query.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=15000; PRAGMA foreign_keys=ON;";

    // Keyed by the native handle: an entry goes when the pool closes that native connection.
    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <summary>Sets an open connection up, once per native connection; also for connections opened outside EF (<see cref="SqliteGroupCommit"/>).</summary>
    public static void Apply(DbConnection connection)
    {
        if (IsPrepared(connection))
        {
            return;
        }
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
        MarkPrepared(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsPrepared(connection))
        {
            return;
        }
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        MarkPrepared(connection);
    }

    private static bool IsPrepared(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Prepared.TryGetValue(handle, out _);

    private static void MarkPrepared(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Prepared.AddOrUpdate(handle, handle);
        }
    }
}
