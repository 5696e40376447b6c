using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ktu.Web.Data.Interceptors;
using Microsoft.Data.Sqlite;

namespace Ktu.Web.Data;

/// <summary>
/// Group commit for SQLite's one writer (ADR 0011). Row updates from many requests (<see cref="RowUpdates"/>)
/// queue here, and one thread writes whatever has queued since its last commit in one transaction with one
/// <c>fsync</c>, under the process's write gate. Each update keeps its own concurrency check: a stale one
/// writes nothing and is answered "conflict", the others in its batch commit. A caller is answered only after
/// the commit that holds its update, so an acknowledged save is as durable as with <c>SaveChanges</c>.
/// </summary>
/// <remarks>
/// There is no waiting to fill a batch: while one commit runs, the next batch queues. Under light load a batch
/// is one update and costs what <c>SaveChanges</c> costs; under heavy load the <c>fsync</c> and the gate are
/// shared. If a batch fails as a whole (a full disk, a lock held too long by another process) each update in it
/// is tried again alone, so one bad update fails only its own request.
/// </remarks>
internal sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>Enough to share one fsync among many saves, small enough that one batch holds the gate briefly.</summary>
    private const int MaxBatch = 64;

    private static readonly Meter Meter = new("Ktu.Data.GroupCommit");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("ktu.sqlite.group_commit.batch", "{update}", "Row updates written in one SQLite transaction.");

    private readonly BlockingCollection<Pending> _queue = [];
    private readonly Thread _writer;
    private readonly ILogger<SqliteGroupCommit> _log;

    public SqliteGroupCommit(ILogger<SqliteGroupCommit> log)
    {
        _log = log;
        _writer = new Thread(Run) { IsBackground = true, Name = "KTU SQLite group commit" };
        _writer.Start();
    }

    /// <summary>Writes <paramref name="update"/> in the next commit; true once committed, false when its concurrency check failed.</summary>
    public Task<bool> UpdateAsync(string connectionString, RowUpdate update, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new Pending(connectionString, update, ct);
        // The queue is unbounded; once the app is stopping (Dispose) Add throws, and the request fails with nothing written.
        _queue.Add(pending, CancellationToken.None);
        return pending.Result.Task;
    }

    /// <summary>Updates waiting for the writer to take them.</summary>
    internal int Queued => _queue.Count;

    /// <summary>Stops taking updates and returns once every queued one is written.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        var batch = new List<Pending>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }
            try
            {
                Write(batch);
            }
            catch (Exception e)
            {
                // Write answers every update itself; this is the last guard that keeps the writer thread alive.
                _log.LogError(e, "Group commit failed unexpectedly");
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(e);
                }
            }
            batch.Clear();
        }
    }

    private void Write(List<Pending> batch)
    {
        // A caller that gave up before its update was taken is not written; once taken, it is written.
        batch.RemoveAll(p => p.Cancellation.IsCancellationRequested && p.Result.TrySetCanceled(p.Cancellation));
        foreach (var database in batch.GroupBy(p => p.ConnectionString))
        {
            var updates = database.ToList();
            using var gate = SqliteWriteGate.Hold();
            try
            {
                Commit(database.Key, updates);
                BatchSize.Record(updates.Count);
            }
            catch (Exception e) when (updates.Count > 1)
            {
                _log.LogWarning(e, "A group commit of {Count} updates failed; writing them one by one", updates.Count);
                foreach (var update in updates)
                {
                    try
                    {
                        Commit(database.Key, [update]);
                    }
                    catch (Exception one)
                    {
                        update.Result.TrySetException(one);
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var update in updates)
                {
                    update.Result.TrySetException(e);
                }
            }
        }
    }

    /// <summary>Writes the updates in one transaction; answers them only after the commit.</summary>
    private static void Commit(string connectionString, List<Pending> updates)
    {
        var written = new bool[updates.Count];
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            SqlitePragmas.Apply(connection);
            using var transaction = connection.BeginTransaction(deferred: false);
            var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
            try
            {
                for (var i = 0; i < updates.Count; i++)
                {
                    var update = updates[i].Update;
                    if (!commands.TryGetValue(update.Sql, out var command))
                    {
                        command = new SqliteCommand(update.Sql, connection, transaction);
                        commands.Add(update.Sql, command);
                    }
                    command.Parameters.Clear();
                    foreach (var (name, mapping, value) in update.Parameters)
                    {
                        command.Parameters.Add(mapping.CreateParameter(command, name, value));
                    }
                    written[i] = command.ExecuteNonQuery() == 1;
                }
                transaction.Commit();
            }
            finally
            {
                foreach (var command in commands.Values)
                {
                    command.Dispose();
                }
            }
        }
        for (var i = 0; i < updates.Count; i++)
        {
            updates[i].Result.TrySetResult(written[i]);
        }
    }

    private sealed class Pending(string connectionString, RowUpdate update, CancellationToken cancellation)
    {
        public string ConnectionString { get; } = connectionString;
        public RowUpdate Update { get; } = update;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
