using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Audit;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Audit;

public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset At, string? ActorEmail, string Action, string EntityType, string EntityId, int? OrganisationId, string? EmbeteId,
    string? Before, string? After);

public sealed record AuditPage(int Total, int Page, int PageSize, IReadOnlyList<AuditEntryDto> Entries);

/// <summary>
/// Reading the audit trail: the administrator reads every entry, an embete's leader (approver) only the embete's own
/// (entries of the embete, or of an organisation it handles), so a leader never sees another embete's work. Filtered by
/// application (its own entries and its grant's), person (e-mail, part of it) and period (Norwegian dates, both days
/// included); newest first, a page at a time.
/// </summary>
internal static class ReadAuditTrail
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    internal sealed record Input(string? ApplicationId, string? Person, string? From, string? To, int? Page, int? PageSize);

    internal abstract record Outcome;
    internal sealed record Found(AuditPage Page) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit/entries", GetAsync)
            .WithTags("Revisjonslogg")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Approver))
            .WithSummary("Revisjonsloggen, nyeste først, filtrert på søknad (applicationId), person (e-post eller del av den) og periode (from, to: åååå-mm-dd). Administrator ser alt, embetets leder bare embetets egne innslag.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Whether <paramref name="me"/> may read the trail at all: the administrator, or a leader bound to an embete.</summary>
    public static bool CanRead(CurrentUser me) => me.IsInRole(Roles.Admin) || (me.IsInRole(Roles.Approver) && me.EmbeteId is not null);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, Input input, CancellationToken ct)
    {
        if (!CanRead(me))
        {
            throw new ForbiddenException();
        }
        var errors = new FieldErrors();
        Guid? applicationId = null;
        if (!string.IsNullOrWhiteSpace(input.ApplicationId))
        {
            if (Guid.TryParse(input.ApplicationId.Trim(), out var id))
            {
                applicationId = id;
            }
            else
            {
                errors.Add("applicationId", AuditTexts.Filter_ApplicationInvalid);
            }
        }
        var from = Date(input.From, "from", errors);
        var to = Date(input.To, "to", errors);
        if (from is { } f && to is { } t && f > t)
        {
            errors.Add("to", AuditTexts.Filter_ToBeforeFrom);
        }
        var person = input.Person?.Trim();
        if (person is { Length: > 200 })
        {
            errors.Add("person", AuditTexts.Filter_PersonTooLong);
        }
        var page = input.Page ?? 1;
        var size = input.PageSize ?? DefaultPageSize;
        if (page < 1)
        {
            errors.Add("page", AuditTexts.Filter_PageInvalid);
        }
        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", Format.Text(AuditTexts.Filter_PageSizeInvalid, MaxPageSize));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        var query = db.AuditEntries.AsNoTracking();
        if (!me.IsInRole(Roles.Admin))
        {
            var embeteId = me.EmbeteId!;
            var organisations = db.Organisations.Where(o => o.EmbeteId == embeteId).Select(o => (int?)o.Id);
            query = query.Where(e => e.EmbeteId == embeteId || (e.EmbeteId == null && organisations.Contains(e.OrganisationId)));
        }
        if (applicationId is { } app)
        {
            // The application's own entries and those of its grant (payment, letters, account changes).
            var ids = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == app).Select(d => d.Id).ToListAsync(ct);
            var keys = ids.Select(i => i.ToString()).Append(app.ToString()).ToList();
            query = query.Where(e => keys.Contains(e.EntityId));
        }
        if (!string.IsNullOrEmpty(person))
        {
            var lower = person.ToLowerInvariant();
            // lower() on both providers; EF translates no StringComparison overload to SQL.
#pragma warning disable CA1862
            query = query.Where(e => e.ActorEmail != null && e.ActorEmail.ToLower().Contains(lower));
#pragma warning restore CA1862
        }
        if (from is { } start)
        {
            var since = NorwayTime.EndOfDay(start.AddDays(-1)).AddSeconds(1);
            query = query.Where(e => e.At >= since);
        }
        if (to is { } end)
        {
            var until = NorwayTime.EndOfDay(end).AddSeconds(1);
            query = query.Where(e => e.At < until);
        }
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Found(new AuditPage(total, page, size, entries.Select(Dto).ToList()));
    }

    internal static async Task<Results<Ok<AuditPage>, ValidationProblem>> GetAsync(
        AppDbContext db, CurrentUser me, string? applicationId, string? person, string? from, string? to, int? page, int? pageSize, CancellationToken ct) =>
        await HandleAsync(db, me, new Input(applicationId, person, from, to, page, pageSize), ct) switch
        {
            Found found => TypedResults.Ok(found.Page),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };

    private static AuditEntryDto Dto(AuditEntry e) =>
        new(e.Sequence, e.At, e.ActorEmail, e.Action, e.EntityType, e.EntityId, e.OrganisationId, e.EmbeteId, e.Before, e.After);

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(field, AuditTexts.Filter_DateInvalid);
        return null;
    }
}
