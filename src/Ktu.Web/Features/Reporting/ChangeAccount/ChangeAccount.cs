using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

public sealed record AccountChangeRequest(string? AccountNumber, string? Reason);

public sealed record AccountChangeDecisionRequest(bool? Approve, string? Reason, int? Version);

public sealed record AccountChangeDto(
    Guid Id, Guid GrantId, string AccountNumber, string Reason, ChangeStatus Status, int Version, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason)
{
    internal static AccountChangeDto Of(AccountChange c) => new(c.Id, c.GrantDecisionId, c.AccountNumber, c.Reason, c.Status, c.Version,
        c.RequestedByName, c.RequestedAt, c.DecidedByName, c.DecidedAt, c.DecisionReason);
}

/// <summary>
/// Changes after the decision: the applicant reports a new account number for a grant (MOD11-checked, with a reason); the
/// embete approves or refuses it; from then on payment files use the approved account. The decision is never changed and every
/// request is kept. One open request per grant at a time; nobody with a declared conflict decides; audited.
/// Changing where money goes is limited to the leader (issue #16: "done by one person and confirmed by a second, or limited to
/// the leader"): the applicant reports the change and only a person with the approver role decides it, so a case officer alone
/// can never redirect a payment.
/// </summary>
internal static class ChangeAccount
{
    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapPost("/account-changes", RequestAsync)
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Meld nytt kontonummer for tilskuddet (etter vedtaket), med begrunnelse. Statsforvalteren godkjenner før utbetalingsfilene bruker det.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapGet("/account-changes", ListAsync)
            .RequireAuthorization()
            .WithSummary("Meldte endringer av kontonummer for tilskuddet, med status. Historikken beholdes.");
        grant.MapPost("/account-changes/{changeId:guid}/decision", DecideAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Godkjenn eller avslå et meldt kontonummer (bare leder). Godkjent nummer brukes i utbetalingsfilene fra nå av.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Created<AccountChangeDto>, ValidationProblem>> RequestAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] AccountChangeRequest? body, CancellationToken ct)
    {
        var grant = await ReportAccess.OwnGrantAsync(db, me, id, ct);
        var errors = new FieldErrors();
        if (!AccountNumber.TryParse(body?.AccountNumber, out var account, out var accountError))
        {
            errors.Add("accountNumber", accountError ?? ReportingTexts.Account_Invalid);
        }
        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", ReportingTexts.Account_ReasonRequired);
        }
        else if (reason.Length > AccountChange.MaxReasonLength)
        {
            errors.Add("reason", Format.Text(ReportingTexts.Review_ReasonTooLong, AccountChange.MaxReasonLength));
        }
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        if (await db.AccountChanges.AnyAsync(c => c.GrantDecisionId == grant.Id && c.Status == ChangeStatus.Requested, ct))
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyRequested, "change-pending");
        }
        var now = time.GetUtcNow();
        var change = AccountChange.Request(grant, account!.Value, reason!, me.Actor, now);
        db.AccountChanges.Add(change);
        AuditTrail.Record(db, me, now, "grant.account-change-requested", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            before: new { accountNumber = await CurrentAccountAsync(db, grant, ct) }, after: new { change.Id, change.AccountNumber, change.Reason });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/grants/{grant.Id}/account-changes", AccountChangeDto.Of(change));
    }

    internal static async Task<Ok<List<AccountChangeDto>>> ListAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var changes = await db.AccountChanges.AsNoTracking().Where(c => c.GrantDecisionId == grant.Id).OrderBy(c => c.RequestedAt).ToListAsync(ct);
        return TypedResults.Ok(changes.Select(AccountChangeDto.Of).ToList());
    }

    internal static async Task<Results<Ok<AccountChangeDto>, ValidationProblem>> DecideAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, Guid changeId, [FromBody] AccountChangeDecisionRequest? body, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, id, ct);
        // Also for the review page, which calls this handler without the endpoint's policy.
        if (!me.IsInRole(Roles.Approver))
        {
            throw new ForbiddenException(ReportingTexts.Account_LeaderOnly);
        }
        var change = await db.AccountChanges.SingleOrDefaultAsync(c => c.Id == changeId && c.GrantDecisionId == grant.Id, ct)
            ?? throw new NotFoundException(ReportingTexts.Account_NotFound);
        var reason = body?.Reason?.Trim();
        var errors = ChangeDecisionInput.Problems(body?.Approve, body?.Version, reason, AccountChange.MaxReasonLength, ReportingTexts.Account_RefusalReason);
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        if (change.Version != body!.Version || change.Status != ChangeStatus.Requested)
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyDecided, "change-decided");
        }
        await ReportAccess.EnsureImpartialAsync(db, me, grant, ct);
        var now = time.GetUtcNow();
        var before = await CurrentAccountAsync(db, grant, ct);
        change.Decide(body.Approve!.Value, reason, me.Actor, now);
        AuditTrail.Record(db, me, now, body.Approve.Value ? "grant.account-change-approved" : "grant.account-change-refused", "grant", grant.Id.ToString(),
            grant.OrganisationId, grant.EmbeteId, before: new { accountNumber = before },
            after: new { change.Id, accountNumber = body.Approve.Value ? change.AccountNumber : before, change.DecisionReason });
        if (!await ReportAccess.SaveGuardedAsync(db, ct))
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyDecided, "change-decided");
        }
        return TypedResults.Ok(AccountChangeDto.Of(change));
    }

    /// <summary>The account payments go to now: the latest approved change, else the one in the decision.</summary>
    private static async Task<string?> CurrentAccountAsync(AppDbContext db, Domain.Decisions.GrantDecision grant, CancellationToken ct) =>
        (await db.CurrentAccountsAsync([grant.Id], ct)).GetValueOrDefault(grant.Id) ?? grant.AccountNumber;
}
