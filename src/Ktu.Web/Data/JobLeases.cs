using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Takes a background job's lease for one app instance: one conditional UPDATE (free, expired, or already ours), or the
/// first INSERT of the job's row. Works the same on SQLite and PostgreSQL; with several instances exactly one holds it.
/// </summary>
public static class JobLeases
{
    /// <summary>True when <paramref name="holderId"/> holds the lease of <paramref name="job"/> until now + <paramref name="length"/>.</summary>
    public static async Task<bool> TryTakeAsync(AppDbContext db, string job, string holderId, TimeSpan length, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + length;
        var taken = await db.JobLeases
            .Where(l => l.Name == job && (l.LeaseUntil < now || l.HolderId == holderId))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.HolderId, holderId).SetProperty(l => l.LeaseUntil, until), ct);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == job, ct))
        {
            return false;
        }
        db.JobLeases.Add(new JobLease { Name = job, HolderId = holderId, LeaseUntil = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance made the row at the same moment: it holds the lease.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static Task ReleaseAsync(AppDbContext db, string job, string holderId, DateTimeOffset now, CancellationToken ct) =>
        db.JobLeases.Where(l => l.Name == job && l.HolderId == holderId)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.LeaseUntil, now), ct);
}
