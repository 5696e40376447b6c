using Ktu.Web.Data.Interceptors;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// One explicit transaction around a write that must read and write as one step, such as taking the next
/// reference number and recording the submission that uses it: everything commits together or nothing does.
/// On SQLite the process's write gate is held for the whole transaction, not only for SaveChanges, so no other
/// save of this process waits for the gate while this transaction holds the database's write lock.
/// </summary>
/// <remarks>
/// On PostgreSQL the provider retries transient failures, which needs a user transaction to run inside
/// <c>db.Database.CreateExecutionStrategy().ExecuteAsync</c>, with the whole attempt (loads included) in it.
/// </remarks>
internal static class WriteTransaction
{
    public static Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken ct) =>
        // Inside the provider's execution strategy, so callers need not wrap it themselves; a caller that already runs in
        // one (Submit) is not retried twice: EF runs a nested strategy's operation directly.
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var gate = await SqliteWriteGate.HoldForTransactionAsync(db, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await transaction.CommitAsync(ct);
            return result;
        });

    /// <summary>
    /// One set-based statement (<c>ExecuteUpdateAsync</c>, <c>ExecuteDeleteAsync</c>), atomic on its own. It does not go
    /// through <c>SaveChanges</c>, so on SQLite the write gate is held around it here instead.
    /// </summary>
    public static async Task<int> StatementAsync(AppDbContext db, Func<Task<int>> statement, CancellationToken ct)
    {
        await using var gate = await SqliteWriteGate.HoldForTransactionAsync(db, ct);
        return await statement();
    }
}
