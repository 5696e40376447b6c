using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>What every change of a scheme year shares: loading it for change, the version check, and the audit entry with before and after.</summary>
internal static class SchemeYearChanges
{
    public const string AuditEntity = "scheme-year";

    /// <summary>The year with its rules and pots, tracked; 404 when there is none.</summary>
    public static async Task<SchemeYear> LoadAsync(AppDbContext db, int year, CancellationToken ct) =>
        await db.SchemeYears.WithRules().SingleOrDefaultAsync(s => s.Year == year, ct)
            ?? throw new NotFoundException(Format.Text(SchemeTexts.Scheme_NotFound, year));

    /// <summary>Refuses a change made from a version other than the stored one: someone else saved in between.</summary>
    public static void RequireVersion(SchemeYear scheme, int? version)
    {
        if (version is { } v && v != scheme.Version)
        {
            throw new RuleViolationException(SchemeTexts.Change_Stale, "edit-conflict");
        }
    }

    public static void Audit(AppDbContext db, CurrentUser me, DateTimeOffset now, string action, SchemeYear scheme, object? before, object? after, string? embeteId = null) =>
        AuditTrail.Record(db, me, now, action, AuditEntity, scheme.Year.ToString(CultureInfo.InvariantCulture), embeteId: embeteId, before: before, after: after);

    /// <summary>Saves; a concurrent save of the same year (its version moved on) is answered as the stale case.</summary>
    public static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleViolationException(SchemeTexts.Change_Stale, "edit-conflict");
        }
    }
}
