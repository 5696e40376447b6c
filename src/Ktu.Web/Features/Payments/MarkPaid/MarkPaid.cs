using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Payments;

public sealed record MarkPaidRequest(DateOnly? PaidOn);

public sealed record PaidResponse(Guid GrantId, DateOnly PaidOn, long Amount, string MarkedBy);

/// <summary>
/// Marks a grant as paid on a date, once: a refusal has nothing to pay, and a second mark is refused (409), also when two
/// people mark it at the same moment. The mark is audited ("payment.marked-paid") and keeps the grant out of later payment files.
/// </summary>
internal static class MarkPaid
{
    internal sealed record Input(Guid GrantId, DateOnly? PaidOn);

    internal abstract record Outcome;
    internal sealed record Marked(GrantPayment Payment) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    /// <summary>The endpoint under the grant's route group, which <see cref="PaymentsFeature"/> declares.</summary>
    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/paid", PostAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Marker tilskuddet som betalt med dato (paidOn, åååå-mm-dd).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var decision = await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == input.GrantId && d.EmbeteId == embeteId, ct)
            ?? throw new NotFoundException(PaymentTexts.DecisionNotFound);
        if (input.PaidOn is not { } paidOn)
        {
            return new Invalid(FieldErrors.Of("paidOn", PaymentTexts.PaidOnMissing));
        }
        if (decision.IsRefusal)
        {
            throw new RuleViolationException(PaymentTexts.NothingToPay, "nothing-to-pay");
        }
        if (await db.GrantPayments.AsNoTracking().SingleOrDefaultAsync(p => p.GrantDecisionId == decision.Id, ct) is { } existing)
        {
            throw new RuleViolationException(Format.Text(PaymentTexts.AlreadyPaid, Format.Date(existing.PaidOn), existing.MarkedByName), "already-paid");
        }
        var now = time.GetUtcNow();
        var payment = GrantPayment.Mark(decision, paidOn, me.Actor, now);
        db.GrantPayments.Add(payment);
        AuditTrail.Record(db, me, now, "payment.marked-paid", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            after: new { paidOn, amount = decision.AmountGranted, decision.CaseReference });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException(PaymentTexts.PaidConcurrently, "already-paid");
        }
        return new Marked(payment);
    }

    internal static async Task<Results<Ok<PaidResponse>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] MarkPaidRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.PaidOn), ct) switch
        {
            Marked { Payment: var p } => TypedResults.Ok(new PaidResponse(p.GrantDecisionId, p.PaidOn, p.Amount, p.MarkedByName)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
