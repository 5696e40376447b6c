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
internal sealed class SqliteWriteGate : SaveChangesInterceptor
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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release();

    // EF reports an optimistic-concurrency failure here and NOT through SaveChangesFailed; without
    // this the gate stayed taken and every later write in the process waited MaxWait.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release();
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release();
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release();
        return Task.CompletedTask;
    }

    private void Enter(bool acquired)
    {
        // Past the wait we go on without the gate; SQLite's own busy timeout still protects the write.
        _held = acquired;
    }

    private void Release()
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
