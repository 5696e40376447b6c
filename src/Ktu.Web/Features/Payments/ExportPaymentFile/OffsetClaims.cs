using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// Repayment claims offset against the next grant, deducted when the payment file is made
/// (<see cref="ClaimsAreOffsetAgainstTheNextPayment"/>): deductions recorded earlier against a payment not yet marked paid are
/// used again, so a file made twice deducts once; open claims of the same organisation are then deducted from what is left.
/// Each new deduction is stored with the execution date and the payment's reference, settles the claim when nothing is left
/// of it, and is audited. Nothing is saved here: the export saves it with its own audit entry, or not at all when no file is made.
/// </summary>
internal static class OffsetClaims
{
    /// <summary>One deduction from a payment, as the file and its audit entry show it.</summary>
    internal sealed record Deducted(Guid ClaimId, Guid ClaimGrantId, Guid PaymentDecisionId, long Amount, string PaymentReference, bool Settled);

    /// <returns>The whole deduction per payment (decision id), and the deductions made now.</returns>
    public static async Task<(Dictionary<Guid, long> PerPayment, List<Deducted> New)> DeductAsync(
        AppDbContext db, CurrentUser me, string embeteId, IReadOnlyList<GrantDecision> decisions, DateOnly executionDate, DateTimeOffset now, CancellationToken ct)
    {
        var payable = decisions.Where(d => d.AmountGranted > 0).ToList();
        var ids = payable.Select(d => d.Id).ToList();
        var perPayment = (await db.ClaimOffsets.AsNoTracking().Where(o => ids.Contains(o.PaymentDecisionId)).ToListAsync(ct))
            .GroupBy(o => o.PaymentDecisionId).ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
        var organisations = payable.Select(d => d.OrganisationId).Distinct().ToList();
        var claims = await db.RepaymentClaims
            .Where(c => c.EmbeteId == embeteId && organisations.Contains(c.OrganisationId) && c.OffsetAgainstNextGrant && c.Status == ClaimStatus.Issued)
            .ToListAsync(ct);
        var deductions = ClaimsAreOffsetAgainstTheNextPayment.Deduct(
            payable.Select(d => new ClaimsAreOffsetAgainstTheNextPayment.Payment(
                d.Id, d.OrganisationId, d.SchemeYear, d.PaymentReference, Math.Max(0, d.AmountGranted - perPayment.GetValueOrDefault(d.Id)))),
            claims.Where(c => c.IsOpenForOffset).Select(c => new ClaimsAreOffsetAgainstTheNextPayment.OpenClaim(
                c.Id, c.OrganisationId, c.SchemeYear, c.IssuedAt ?? c.ProposedAt, c.Remaining)));
        var made = new List<Deducted>();
        foreach (var d in deductions)
        {
            var claim = claims.Single(c => c.Id == d.ClaimId);
            var payment = payable.Single(p => p.Id == d.DecisionId);
            var reference = Pain001.EndToEndId(payment.PaymentReference, payment.Id);
            claim.Offset(d.Amount, executionDate, reference, me.Actor);
            db.ClaimOffsets.Add(ClaimOffset.Record(claim, payment.Id, d.Amount, executionDate, reference, me.Actor, now));
            perPayment[payment.Id] = perPayment.GetValueOrDefault(payment.Id) + d.Amount;
            made.Add(new Deducted(claim.Id, claim.GrantDecisionId, payment.Id, d.Amount, reference, claim.Status == ClaimStatus.Paid));
            AuditTrail.Record(db, me, now, "claim.offset", "grant", claim.GrantDecisionId.ToString(), claim.OrganisationId, claim.EmbeteId,
                after: new
                {
                    claim.Id,
                    offset = d.Amount,
                    remaining = claim.Remaining,
                    settled = claim.SettledByOffset,
                    paymentGrantId = payment.Id,
                    paymentReference = reference,
                    offsetOn = executionDate,
                });
        }
        return (perPayment, made);
    }
}
