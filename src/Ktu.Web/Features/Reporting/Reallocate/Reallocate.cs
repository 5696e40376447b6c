using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

public sealed record ReallocationRequest(string? FromLineId, long? Amount, string? Purpose, string? Reason);

public sealed record ReallocationDecisionRequest(bool? Approve, string? Reason, int? Version);

public sealed record ReallocationDto(
    Guid Id, Guid GrantId, string FromLineId, long Amount, string Purpose, string Reason, ChangeStatus Status, int Version,
    string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason)
{
    internal static ReallocationDto Of(Reallocation r) => new(r.Id, r.GrantDecisionId, r.FromLineId, r.Amount, r.Purpose, r.Reason, r.Status, r.Version,
        r.RequestedByName, r.RequestedAt, r.DecidedByName, r.DecidedAt, r.DecisionReason);
}

/// <summary>
/// Reallocation during the year: the applicant applies to use part of a granted line for another purpose within the scheme,
/// before the report is sent; the embete approves or refuses. Approved, the amount moves to a line of its own in the report
/// (<see cref="Reallocation.Apply"/>); the decision is never changed and every application is kept and audited.
/// </summary>
internal static class Reallocate
{
    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapPost("/reallocations", RequestAsync)
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Søk om å bruke deler av en innvilget linje til et annet formål innenfor ordningen (omdisponering), før rapporten er sendt.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapGet("/reallocations", ListAsync)
            .RequireAuthorization()
            .WithSummary("Søknadene om omdisponering for tilskuddet, med status. Historikken beholdes.");
        grant.MapPost("/reallocations/{reallocationId:guid}/decision", DecideAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Godkjenn eller avslå en søknad om omdisponering. Godkjent beløp flyttes til en egen linje i rapporten.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Created<ReallocationDto>, ValidationProblem>> RequestAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] ReallocationRequest? body, CancellationToken ct)
    {
        var grant = await ReportAccess.OwnGrantAsync(db, me, id, ct);
        var existing = await db.Reallocations.AsNoTracking().Where(r => r.GrantDecisionId == grant.Id).ToListAsync(ct);
        var lines = Reallocation.Apply(grant.ReadLines(), existing);
        var errors = new FieldErrors();
        var from = lines.FirstOrDefault(l => l.LineId == body?.FromLineId && l.AmountGranted > 0);
        if (from is null)
        {
            errors.Add("fromLineId", ReportingTexts.Reallocation_LineUnknown);
        }
        else if (body?.Amount is not { } amount || amount <= 0 || amount > from.AmountGranted)
        {
            errors.Add("amount", Format.Text(ReportingTexts.Reallocation_AmountRange, Format.Nok(from.AmountGranted)));
        }
        var purpose = body?.Purpose?.Trim();
        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(purpose))
        {
            errors.Add("purpose", ReportingTexts.Reallocation_PurposeRequired);
        }
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", ReportingTexts.Reallocation_ReasonRequired);
        }
        foreach (var (field, text) in new[] { ("purpose", purpose), ("reason", reason) })
        {
            if (text is { Length: > Reallocation.MaxTextLength })
            {
                errors.Add(field, Format.Text(ReportingTexts.Review_ReasonTooLong, Reallocation.MaxTextLength));
            }
        }
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        var report = await ReportAccess.ReportAsync(db, grant.Id, ct);
        if (report is { SubmissionCount: > 0 })
        {
            throw new RuleViolationException(ReportingTexts.Reallocation_ReportSent, "report-sent");
        }
        if (existing.Any(r => r.Status == ChangeStatus.Requested))
        {
            throw new RuleViolationException(ReportingTexts.Reallocation_Pending, "reallocation-pending");
        }
        var now = time.GetUtcNow();
        var reallocation = Reallocation.Request(grant, from!, body!.Amount!.Value, purpose!, reason!, me.Actor, now);
        db.Reallocations.Add(reallocation);
        AuditTrail.Record(db, me, now, "grant.reallocation-requested", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            after: new { reallocation.Id, reallocation.FromLineId, reallocation.Amount, reallocation.Purpose, reallocation.Reason });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/grants/{grant.Id}/reallocations", ReallocationDto.Of(reallocation));
    }

    internal static async Task<Ok<List<ReallocationDto>>> ListAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var list = await db.Reallocations.AsNoTracking().Where(r => r.GrantDecisionId == grant.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        return TypedResults.Ok(list.Select(ReallocationDto.Of).ToList());
    }

    internal static async Task<Results<Ok<ReallocationDto>, ValidationProblem>> DecideAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid reallocationId, [FromBody] ReallocationDecisionRequest? body, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, id, ct);
        var reallocation = await db.Reallocations.SingleOrDefaultAsync(r => r.Id == reallocationId && r.GrantDecisionId == grant.Id, ct)
            ?? throw new NotFoundException(ReportingTexts.Reallocation_NotFound);
        var reason = body?.Reason?.Trim();
        var errors = ChangeDecisionInput.Problems(body?.Approve, body?.Version, reason, Reallocation.MaxTextLength, ReportingTexts.Reallocation_RefusalReason);
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        if (reallocation.Version != body!.Version || reallocation.Status != ChangeStatus.Requested)
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyDecided, "reallocation-decided");
        }
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        if (await db.GrantReports.AnyAsync(r => r.GrantDecisionId == grant.Id && r.SubmissionCount > 0, ct))
        {
            throw new RuleViolationException(ReportingTexts.Reallocation_ReportSent, "report-sent");
        }
        var now = time.GetUtcNow();
        reallocation.Decide(body.Approve!.Value, reason, me.Actor, now);
        AuditTrail.Record(db, me, now, body.Approve.Value ? "grant.reallocation-approved" : "grant.reallocation-refused", "grant", grant.Id.ToString(),
            grant.OrganisationId, grant.EmbeteId, after: new { reallocation.Id, reallocation.FromLineId, reallocation.Amount, reallocation.Purpose, reallocation.DecisionReason });
        if (!await ReportAccess.SaveGuardedAsync(db, ct))
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyDecided, "reallocation-decided");
        }
        return TypedResults.Ok(ReallocationDto.Of(reallocation));
    }
}
