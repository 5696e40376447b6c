using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Outbox;

public sealed record OutboxRow(Guid Id, string To, string Subject, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? FailedAt, int Attempts)
{
    /// <summary>What became of the message: sent, given up, waiting for its next try, or not tried.</summary>
    public string State => OutboxState.Of(SentAt, NextAttemptAt, FailedAt);
}

public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    /// <summary>Enough to follow the last days' messages; older ones are left out.</summary>
    public const int Shown = 200;

    public IReadOnlyList<OutboxRow> Messages { get; private set; } = [];

    /// <summary>The administrator sees every message; everyone else only those to their own address.</summary>
    public bool SeesAll => me.IsInRole(Domain.Roles.Admin);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Instants are stored as UTC ticks (Data/DateTimeOffsetToUtcTicksConverter), so both providers order them.
        Messages = await db.OutboxMessages.AsNoTracking().VisibleTo(me)
            .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.To)
            .Take(Shown)
            .Select(m => new OutboxRow(m.Id, m.To, m.Subject, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.FailedAt, m.Attempts))
            .ToListAsync(ct);
        return Page();
    }
}
