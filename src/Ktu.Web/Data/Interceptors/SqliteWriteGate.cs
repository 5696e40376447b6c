using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// SQLite has one writer at a time. Queueing SaveChanges calls of this process behind one gate
/// turns contention into a short wait in memory instead of lock errors in the database.
/// Whether a context holds the gate is remembered per context (<see cref="PerContext{TState}"/>). A
/// <see cref="WriteTransaction"/> holds it for its whole transaction; the saves inside then pass straight through.
/// </summary>
internal sealed class SqliteWriteGate : SaveEndInterceptor
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    // How long writers queue for the gate and how long one holds it: the single writer's ceiling, seen with
    // dotnet-counters (meter "Ktu.Data"). The autosave bench pointed here (bench/README.md).
    private static readonly Meter Meter = new("Ktu.Data");
    private static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>("ktu.sqlite.write_gate.wait", "ms", "Time a save or transaction waited for SQLite's write gate.");
    private static readonly Histogram<double> HoldTime = Meter.CreateHistogram<double>("ktu.sqlite.write_gate.hold", "ms", "Time a save or transaction held SQLite's write gate.");
    private readonly PerContext<Holding> _holding = new();

    private sealed class Holding
    {
        /// <summary>This context's SaveChanges holds the gate.</summary>
        public bool Held;
        /// <summary>This context's transaction holds the gate (<see cref="HoldForTransactionAsync"/>).</summary>
        public bool HeldByTransaction;
        /// <summary>When the gate was taken (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long Since;

        /// <summary>
        /// Waits for the gate and records how long. False when the wait gave up: the writer then goes on without
        /// the gate, and SQLite's own busy timeout still protects the write.
        /// </summary>
        public bool Take()
        {
            var started = Stopwatch.GetTimestamp();
            var acquired = Gate.Wait(MaxWait);
            Took(started);
            return acquired;
        }

        /// <inheritdoc cref="Take"/>
        public async Task<bool> TakeAsync(CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            var acquired = await Gate.WaitAsync(MaxWait, ct);
            Took(started);
            return acquired;
        }

        private void Took(long waitStarted)
        {
            Since = Stopwatch.GetTimestamp();
            WaitTime.Record(Stopwatch.GetElapsedTime(waitStarted, Since).TotalMilliseconds);
        }

        public void Gave() => HoldTime.Record(Stopwatch.GetElapsedTime(Since).TotalMilliseconds);
    }

    /// <summary>Holds the gate of this context's process until the returned value is disposed; null when the context has no gate (PostgreSQL).</summary>
    public static async Task<IAsyncDisposable?> HoldForTransactionAsync(DbContext db, CancellationToken ct)
    {
        var gate = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().SingleOrDefault();
        if (gate is null)
        {
            return null;
        }
        var holding = gate._holding.For(db);
        if (holding.HeldByTransaction)
        {
            throw new InvalidOperationException("This context already holds the write gate.");
        }
        var acquired = await holding.TakeAsync(ct);
        holding.HeldByTransaction = true;
        return new TransactionHold(holding, acquired);
    }

    /// <summary>
    /// Holds the gate for a writer that does not go through a context (<see cref="SqliteGroupCommit"/>) until the
    /// returned value is disposed. Blocks its thread while it waits: call it from a thread of its own.
    /// </summary>
    public static IDisposable Hold()
    {
        var holding = new Holding();
        return new TransactionHold(holding, holding.Take());
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && _holding.For(db) is { HeldByTransaction: false } holding)
        {
            holding.Held = holding.Take();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _holding.For(db) is { HeldByTransaction: false } holding)
        {
            holding.Held = await holding.TakeAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>Opens the gate for the next writer once this context's save has ended, whatever the outcome.</summary>
    protected override void OnSaveEnded(DbContext? db)
    {
        if (db is not null && _holding.For(db) is { Held: true } holding)
        {
            holding.Held = false;
            holding.Gave();
            Gate.Release();
        }
    }

    private sealed class TransactionHold(Holding holding, bool acquired) : IAsyncDisposable, IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                holding.HeldByTransaction = false;
                if (acquired)
                {
                    holding.Gave();
                    Gate.Release();
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
