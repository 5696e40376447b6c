using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// A change of payee details: any of a new account number, a new organisation number (after a merger) and a postal address
/// (one or two lines, postcode, place), with the reason. At least one must be given.
/// </summary>
public sealed record AccountChangeRequest(
    string? AccountNumber, string? Reason, string? OrgNumber = null, string? AddressLine1 = null, string? AddressLine2 = null, string? PostCode = null,
    string? Place = null);

public sealed record AccountChangeDecisionRequest(bool? Approve, string? Reason, int? Version);

/// <summary>A reported change of payee details; the fields not changed by it are null.</summary>
public sealed record AccountChangeDto(
    Guid Id, Guid GrantId, string? AccountNumber, string Reason, ChangeStatus Status, int Version, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason, string? OrgNumber, string? AddressLine1, string? AddressLine2, string? PostCode,
    string? Place)
{
    internal static AccountChangeDto Of(AccountChange c) => new(c.Id, c.GrantDecisionId, c.AccountNumber, c.Reason, c.Status, c.Version,
        c.RequestedByName, c.RequestedAt, c.DecidedByName, c.DecidedAt, c.DecisionReason, c.OrgNumber, c.AddressLine1, c.AddressLine2, c.PostCode, c.Place);

    /// <summary>What the change carries, in Norwegian: "kontonummer 86011117947, postadresse Storgata 1, 4836 Arendal".</summary>
    public string Describe() => string.Join(", ", new[]
    {
        AccountNumber is null ? null : Format.Text(ReportingTexts.Change_PartAccount, AccountNumber),
        OrgNumber is null ? null : Format.Text(ReportingTexts.Change_PartOrgNumber, OrgNumber),
        AddressLine1 is null || PostCode is null || Place is null
            ? null
            : Format.Text(ReportingTexts.Change_PartAddress, new PostalAddress(AddressLine1, AddressLine2, PostCode, Place)),
    }.OfType<string>());
}

/// <summary>
/// Changes after the decision: the applicant reports new payee details for a grant, with a reason: a new account number
/// (MOD11-checked), a new organisation number after a merger (MOD11-checked), a postal address, or several at once; the embete
/// approves or refuses; from then on payment files (and letters, for the organisation number and address) use what was approved.
/// The decision is never changed and every request is kept. One open request per grant at a time; nobody with a declared
/// conflict decides; audited.
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
            .WithSummary("Meld nytt kontonummer, nytt organisasjonsnummer (etter sammenslåing) eller postadresse for tilskuddet (etter vedtaket), med begrunnelse. Statsforvalteren godkjenner før utbetalingsfilene og brevene bruker det.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        grant.MapGet("/account-changes", ListAsync)
            .RequireAuthorization()
            .WithSummary("Meldte endringer av kontonummer, organisasjonsnummer og postadresse for tilskuddet, med status. Historikken beholdes.");
        grant.MapPost("/account-changes/{changeId:guid}/decision", DecideAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Godkjenn eller avslå en meldt endring av kontonummer, organisasjonsnummer eller postadresse (bare leder). Det godkjente brukes i utbetalingsfilene og brevene fra nå av.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Created<AccountChangeDto>, ValidationProblem>> RequestAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] AccountChangeRequest? body, CancellationToken ct)
    {
        var grant = await ReportAccess.OwnGrantAsync(db, me, id, ct);
        var errors = Problems(body, out var account, out var orgNumber, out var address, out var reason);
        if (errors.Count > 0)
        {
            return errors.ToValidationProblem();
        }
        if (await db.AccountChanges.AnyAsync(c => c.GrantDecisionId == grant.Id && c.Status == ChangeStatus.Requested, ct))
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyRequested, "change-pending");
        }
        var now = time.GetUtcNow();
        var change = AccountChange.Request(grant, account, orgNumber, address, reason, me.Actor, now);
        db.AccountChanges.Add(change);
        AuditTrail.Record(db, me, now, "grant.account-change-requested", "grant", grant.Id.ToString(), grant.OrganisationId, grant.EmbeteId,
            before: await CurrentPayeeAsync(db, grant, ct),
            after: new { change.Id, change.AccountNumber, change.OrgNumber, address = change.Address?.ToString(), change.Reason });
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
        var before = await CurrentPayeeAsync(db, grant, ct);
        change.Decide(body.Approve!.Value, reason, me.Actor, now);
        var after = body.Approve.Value
            ? new PayeeNow(change.AccountNumber ?? before.AccountNumber, change.OrgNumber ?? before.OrgNumber, change.Address?.ToString() ?? before.Address)
            : before;
        AuditTrail.Record(db, me, now, body.Approve.Value ? "grant.account-change-approved" : "grant.account-change-refused", "grant", grant.Id.ToString(),
            grant.OrganisationId, grant.EmbeteId, before: before,
            after: new { change.Id, after.AccountNumber, after.OrgNumber, after.Address, change.DecisionReason });
        if (!await ReportAccess.SaveGuardedAsync(db, ct))
        {
            throw new RuleViolationException(ReportingTexts.Account_AlreadyDecided, "change-decided");
        }
        return TypedResults.Ok(AccountChangeDto.Of(change));
    }

    /// <summary>
    /// The request checked: at least one thing to change, each given one valid (account and organisation number with MOD11, the
    /// address whole and Norwegian), and a reason. Problems by the request's field names, Norwegian.
    /// </summary>
    private static FieldErrors Problems(
        AccountChangeRequest? body, out AccountNumber? account, out OrgNumber? orgNumber, out PostalAddress? address, out string reason)
    {
        var errors = new FieldErrors();
        account = null;
        orgNumber = null;
        address = null;
        var accountGiven = !string.IsNullOrWhiteSpace(body?.AccountNumber);
        var orgGiven = !string.IsNullOrWhiteSpace(body?.OrgNumber);
        var addressGiven = PayeeAddressIsNorwegian.IsGiven(body?.AddressLine1, body?.AddressLine2, body?.PostCode, body?.Place);
        if (!accountGiven && !orgGiven && !addressGiven)
        {
            errors.Add("accountNumber", ReportingTexts.Payee_NothingToChange);
        }
        if (accountGiven && !AccountNumber.TryParse(body!.AccountNumber, out account, out var accountError))
        {
            errors.Add("accountNumber", accountError ?? ReportingTexts.Account_Invalid);
        }
        if (orgGiven && !OrgNumber.TryParse(body!.OrgNumber, out orgNumber, out var orgError))
        {
            errors.Add("orgNumber", orgError ?? ReportingTexts.Account_Invalid);
        }
        if (addressGiven)
        {
            foreach (var (field, message) in PayeeAddressIsNorwegian.Check(body!.AddressLine1, body.AddressLine2, body.PostCode, body.Place, out address))
            {
                errors.Add(field, message);
            }
        }
        reason = body?.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors.Add("reason", ReportingTexts.Account_ReasonRequired);
        }
        else if (reason.Length > AccountChange.MaxReasonLength)
        {
            errors.Add("reason", Format.Text(ReportingTexts.Review_ReasonTooLong, AccountChange.MaxReasonLength));
        }
        return errors;
    }

    /// <summary>The payee details for the audit trail.</summary>
    private sealed record PayeeNow(string? AccountNumber, string? OrgNumber, string? Address);

    /// <summary>Where payments and letters go now: the latest approved changes, else what the decision says.</summary>
    private static async Task<PayeeNow> CurrentPayeeAsync(AppDbContext db, Domain.Decisions.GrantDecision grant, CancellationToken ct)
    {
        var changed = (await db.CurrentPayeesAsync([grant.Id], ct)).GetValueOrDefault(grant.Id);
        return new(changed?.AccountNumber ?? grant.AccountNumber, changed?.OrgNumber ?? grant.ApplicantOrgNumber, changed?.Address?.ToString());
    }
}
