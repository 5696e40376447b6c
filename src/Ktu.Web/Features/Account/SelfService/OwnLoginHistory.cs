using System.Text.Json;
using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Account;

/// <summary>One log-in attempt as its owner sees it: when, whether it succeeded, from which network and how.</summary>
public sealed record OwnLogin(DateTimeOffset At, bool Succeeded, bool LockedOut, string Address, string Channel);

/// <summary>The user's own log-ins (issue 19), newest first, read from the audit entries written at each attempt (<see cref="LoginEvents"/>).</summary>
internal static class OwnLoginHistory
{
    public const int Shown = 50;

    public static async Task<IReadOnlyList<OwnLogin>> ReadAsync(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var id = me.Id ?? throw new ForbiddenException();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "User" && e.EntityId == id && LoginEvents.All.Contains(e.Action))
            .OrderByDescending(e => e.Sequence)
            .Take(Shown)
            .Select(e => new { e.At, e.Action, e.After })
            .ToListAsync(ct);
        return entries.Select(e =>
        {
            var details = e.After is null ? default : JsonSerializer.Deserialize<Details>(e.After, Domain.Audit.AuditChain.Json);
            return new OwnLogin(e.At, e.Action == LoginEvents.Succeeded, e.Action == LoginEvents.LockedOut, details?.Address ?? "", details?.Channel ?? "");
        }).ToList();
    }

    private sealed record Details(string? Address, string? Channel);
}
