using Ktu.Web.Domain.Decisions;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Where the embete's allocation for a scheme year stands. Case handling and the applicant's withdrawal both stop once it
/// is sent for approval, so both ask the same question of the data.
/// </summary>
public static class RoundStatusQuery
{
    /// <returns>Null while the embete has not started its allocation; otherwise the status of its latest round.</returns>
    public static Task<RoundStatus?> RoundStatusAsync(this AppDbContext db, string embeteId, int schemeYear, CancellationToken ct) =>
        db.AllocationRounds
            .Where(r => r.EmbeteId == embeteId && r.SchemeYear == schemeYear)
            .OrderByDescending(r => r.Number)
            .Select(r => (RoundStatus?)r.Status)
            .FirstOrDefaultAsync(ct);
}
