using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// A save interceptor that takes something when a save starts and must give it back however the save ends:
/// saved, failed, cancelled, or refused for an optimistic-concurrency conflict. EF reports the last one through
/// <see cref="ThrowingConcurrencyException"/> and NOT through <see cref="SaveChangesFailed"/>; missing it once
/// left SQLite's write gate taken, so every way out is covered here, once, and calls <see cref="OnSaveEnded"/>.
/// Interceptors are shared by every context of the pool: keep what a save took in <see cref="PerContext{TState}"/>.
/// </summary>
internal abstract class SaveEndInterceptor : SaveChangesInterceptor
{
    /// <summary>Gives back what the save of <paramref name="db"/> took; called once per ending, also when nothing was taken.</summary>
    protected abstract void OnSaveEnded(DbContext? db);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        OnSaveEnded(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        OnSaveEnded(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => OnSaveEnded(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        OnSaveEnded(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => OnSaveEnded(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        OnSaveEnded(eventData.Context);
        return Task.CompletedTask;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        OnSaveEnded(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        OnSaveEnded(eventData.Context);
        return ValueTask.FromResult(result);
    }
}
