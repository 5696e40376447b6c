using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// SQLite has one writer at a time. Queueing SaveChanges calls of this process behind one gate
/// turns contention into a short wait in memory instead of lock errors in the database.
/// One instance per DbContext (it remembers whether that context holds the gate). A
/// <see cref="WriteTransaction"/> holds it for its whole transaction; the saves inside then pass straight through.
/// </summary>
internal sealed class SqliteWriteGate : SaveEndInterceptor
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private bool _held;
    private bool _heldByTransaction;

    /// <summary>Holds the gate of this context's process until the returned value is disposed; null when the context has no gate (PostgreSQL).</summary>
    public static async Task<IAsyncDisposable?> HoldForTransactionAsync(DbContext db, CancellationToken ct)
    {
        var gate = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().SingleOrDefault();
        if (gate is null)
        {
            return null;
        }
        if (gate._heldByTransaction)
        {
            throw new InvalidOperationException("This context already holds the write gate.");
        }
        // Past the wait we go on without the gate, as a save does; SQLite's own busy timeout still protects the write.
        var acquired = await Gate.WaitAsync(MaxWait, ct);
        gate._heldByTransaction = true;
        return new TransactionHold(gate, acquired);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (!_heldByTransaction)
        {
            Enter(Gate.Wait(MaxWait));
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!_heldByTransaction)
        {
            Enter(await Gate.WaitAsync(MaxWait, cancellationToken));
        }
        return result;
    }

    private void Enter(bool acquired)
    {
        // Past the wait we go on without the gate; SQLite's own busy timeout still protects the write.
        _held = acquired;
    }

    /// <summary>Opens the gate for the next writer once this context's save has ended, whatever the outcome.</summary>
    protected override void OnSaveEnded()
    {
        if (_held)
        {
            _held = false;
            Gate.Release();
        }
    }

    private sealed class TransactionHold(SqliteWriteGate gate, bool acquired) : IAsyncDisposable
    {
        private bool _released;

        public ValueTask DisposeAsync()
        {
            if (!_released)
            {
                _released = true;
                gate._heldByTransaction = false;
                if (acquired)
                {
                    Gate.Release();
                }
            }
            return ValueTask.CompletedTask;
        }
    }
}
