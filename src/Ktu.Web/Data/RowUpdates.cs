using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ktu.Web.Data;

/// <summary>
/// Saves a context whose one pending change is an update of one row guarded by its concurrency token, such as a
/// draft autosave. On SQLite the update goes to <see cref="SqliteGroupCommit"/>, which commits the updates of many
/// requests in one transaction with one <c>fsync</c>; elsewhere (PostgreSQL, which groups commits itself, or a
/// context made outside the app) it is an ordinary <c>SaveChanges</c>. Either way the call returns only once the
/// update is durable, and a stale token writes nothing.
/// </summary>
internal static class RowUpdates
{
    /// <summary>
    /// Saves the one modified entity of <paramref name="db"/>. Returns false, and writes nothing, when the row's
    /// concurrency token no longer matches what was read: someone saved in between. The entity is then left as
    /// the caller changed it; clear the change tracker before reading the row again.
    /// </summary>
    public static async Task<bool> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        var groupCommit = db.ApplicationService<SqliteGroupCommit>();
        if (groupCommit is null || db.Database.CurrentTransaction is not null)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                return false;
            }
        }
        var update = RowUpdate.From(db);
        if (!await groupCommit.UpdateAsync(db.Database.GetConnectionString()!, update, ct))
        {
            return false;
        }
        db.ChangeTracker.AcceptAllChanges();
        return true;
    }
}
