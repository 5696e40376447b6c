using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>Letters follow only an allocation a leader has approved.</summary>
internal static class LetterRound
{
    public static async Task<bool> IsApprovedAsync(AppDbContext db, string embeteId, int year, CancellationToken ct) =>
        await db.AllocationRounds.AnyAsync(r => r.EmbeteId == embeteId && r.SchemeYear == year && r.Status == RoundStatus.Approved, ct);

    public static async Task EnsureApprovedAsync(AppDbContext db, string embeteId, int year, CancellationToken ct)
    {
        if (!await IsApprovedAsync(db, embeteId, year, ct))
        {
            throw new RuleViolationException(Format.Text(LetterTexts.RoundNotApproved, year), "round-not-approved");
        }
    }
}
