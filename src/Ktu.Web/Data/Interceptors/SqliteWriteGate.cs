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
    private readonly PerContext<Holding> _holding = new();

    private sealed class Holding
    {
        /// <summary>This context's SaveChanges holds the gate.</summary>
        public bool Held;
        /// <summary>This context's transaction holds the gate (<see cref="HoldForTransactionAsync"/>).</summary>
        public bool HeldByTransaction;
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
        // Past the wait we go on without the gate, as a save does; SQLite's own busy timeout still protects the write.
        var acquired = await Gate.WaitAsync(MaxWait, ct);
        holding.HeldByTransaction = true;
        return new TransactionHold(holding, acquired);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && _holding.For(db) is { HeldByTransaction: false } holding)
        {
            // Past the wait we go on without the gate; SQLite's own busy timeout still protects the write.
            holding.Held = Gate.Wait(MaxWait);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _holding.For(db) is { HeldByTransaction: false } holding)
        {
            holding.Held = await Gate.WaitAsync(MaxWait, cancellationToken);
        }
        return result;
    }

    /// <summary>Opens the gate for the next writer once this context's save has ended, whatever the outcome.</summary>
    protected override void OnSaveEnded(DbContext? db)
    {
        if (db is not null && _holding.For(db) is { Held: true } holding)
        {
            holding.Held = false;
            Gate.Release();
        }
    }

    private sealed class TransactionHold(Holding holding, bool acquired) : IAsyncDisposable
    {
        private bool _released;

        public ValueTask DisposeAsync()
        {
            if (!_released)
            {
                _released = true;
                holding.HeldByTransaction = false;
                if (acquired)
                {
                    Gate.Release();
                }
            }
            return ValueTask.CompletedTask;
        }
    }
}
