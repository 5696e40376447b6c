using System.Globalization;
using System.Text.Json;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>Every change of a scheme year's settings, pots and deadlines, newest first, with who, when, before and after (from the audit trail).</summary>
public static class ViewSchemeHistory
{
    public const int MaxEntries = 500;

    /// <param name="Embete">Set when an embete changed its own deadlines.</param>
    public sealed record ChangeDto(DateTimeOffset At, string Action, string? By, string? Embete, JsonElement? Before, JsonElement? After);

    public static void Map(RouteGroupBuilder schemes) =>
        schemes.MapGet("/{year:int}/history", EndpointAsync)
            .WithSummary("Endringer i ordningsårets innstillinger, rammer og frister, nyeste først.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Ok<List<ChangeDto>>> EndpointAsync(int year, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await HandleAsync(db, me, year, ct));

    public static async Task<List<ChangeDto>> HandleAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct)
    {
        if (!me.IsEmbeteStaff && !me.IsInRole(Domain.Roles.Directorate) && !me.IsInRole(Domain.Roles.Admin))
        {
            throw new ForbiddenException();
        }
        if (!await db.SchemeYears.AnyAsync(s => s.Year == year, ct))
        {
            throw new NotFoundException(Format.Text(SchemeTexts.Scheme_NotFound, year));
        }
        var id = year.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == SchemeYearChanges.AuditEntity && a.EntityId == id)
            .OrderByDescending(a => a.Id)
            .Take(MaxEntries)
            .ToListAsync(ct);
        return entries.Select(a => new ChangeDto(a.At, a.Action, a.ActorEmail, a.EmbeteId, Parse(a.Before), Parse(a.After))).ToList();
    }

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
