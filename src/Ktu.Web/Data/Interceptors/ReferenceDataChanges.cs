using System.Data.Common;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// Empties the <see cref="ReferenceCache"/> when a save adds, changes or deletes a scheme year, any of its rules and pots,
/// an organisation, an embete or a county: before the save, once it has ended, and again when the transaction around it
/// commits, so no reader of this instance keeps the old value once the new one is visible.
/// </summary>
internal sealed class ReferenceDataChanges(ReferenceCache cache) : SaveEndInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<Type> ReferenceTypes =
    [
        typeof(SchemeYear), typeof(SchemeEducationType), typeof(SchemeTheme), typeof(SchemeApplicantRule), typeof(Pot), typeof(Earmark),
        typeof(Organisation), typeof(Embete), typeof(County),
    ];

    private readonly PerContext<Pending> _pending = new();

    private sealed class Pending
    {
        /// <summary>A save of this context changed reference data, and its transaction has not committed yet.</summary>
        public bool Changed;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// Empties the cache after a save that changed reference data. Without a transaction of the caller's around it,
    /// the save has committed on its own (EF uses no transaction for a single statement, so no commit is reported):
    /// the mark goes, or this pooled context would empty the cache on every later save.
    /// </summary>
    protected override void OnSaveEnded(DbContext? db)
    {
        if (db is not null && _pending.For(db) is { Changed: true } pending)
        {
            cache.Clear();
            if (db.Database.CurrentTransaction is null)
            {
                pending.Changed = false;
            }
        }
    }

    private void Check(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        var pending = _pending.For(db);
        if (pending.Changed && db.Database.CurrentTransaction is not null)
        {
            return; // Already known; cleared again when this transaction commits.
        }
        // A mark left by a transaction that ended without a commit (rolled back, disposed) does not carry over.
        pending.Changed = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ReferenceTypes.Contains(entry.Metadata.ClrType))
            {
                pending.Changed = true;
                cache.Clear();
                return;
            }
        }
    }

    private void Committed(DbContext? db)
    {
        if (db is not null && _pending.For(db) is { Changed: true } pending)
        {
            pending.Changed = false;
            cache.Clear();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }
}
