using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.TestSupport;

/// <summary>
/// Moves an embete's own application deadline for a year to a minute before <c>now</c>, so its allocation may be
/// approved (issue 16: no approval before the deadline). Written to the database: the leader's page refuses a deadline
/// in the past. Shared by the integration and browser tests.
/// </summary>
public static class ApplicationDeadline
{
    public static async Task PassAsync(IServiceProvider services, string embeteId, int year, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.SingleOrDefaultAsync(p => p.SchemeYear == year && p.EmbeteId == embeteId);
        if (pot is null)
        {
            pot = new Pot { SchemeYear = year, EmbeteId = embeteId };
            db.Pots.Add(pot);
        }
        pot.ApplicationDeadline = now.AddMinutes(-1);
        await db.SaveChangesAsync();
    }
}
