namespace Ktu.Web.Domain.Rules;

/// <summary>
/// A repayment claim the embete chose to offset against the next grant is deducted from the organisation's next payment
/// instead of being paid back: the oldest claim first, never more than the payment (a payment is never below zero), and what
/// is left of a claim stays open for a later payment. Only payments of a later scheme year than the claim's grant count as
/// "the next grant". Regelverk: "motregning i neste tilskudd" as an alternative to a repayment claim.
/// </summary>
public static class ClaimsAreOffsetAgainstTheNextPayment
{
    /// <summary>A payment about to be made, in whole kroner after deductions already recorded against it.</summary>
    public sealed record Payment(Guid DecisionId, int OrganisationId, int SchemeYear, string CaseReference, long Amount);

    /// <summary>An issued claim to offset, with what is left of it.</summary>
    public sealed record OpenClaim(Guid ClaimId, int OrganisationId, int SchemeYear, DateTimeOffset IssuedAt, long Remaining);

    public sealed record Deduction(Guid ClaimId, Guid DecisionId, long Amount);

    public static IReadOnlyList<Deduction> Deduct(IEnumerable<Payment> payments, IEnumerable<OpenClaim> claims)
    {
        var open = claims.Where(c => c.Remaining > 0).OrderBy(c => c.IssuedAt).ThenBy(c => c.ClaimId).ToList();
        var left = open.ToDictionary(c => c.ClaimId, c => c.Remaining);
        var deductions = new List<Deduction>();
        foreach (var p in payments.OrderBy(p => p.SchemeYear).ThenBy(p => p.CaseReference, StringComparer.Ordinal).ThenBy(p => p.DecisionId))
        {
            var room = p.Amount;
            foreach (var c in open.Where(c => c.OrganisationId == p.OrganisationId && c.SchemeYear < p.SchemeYear))
            {
                var take = Math.Min(room, left[c.ClaimId]);
                if (take <= 0)
                {
                    continue;
                }
                deductions.Add(new Deduction(c.ClaimId, p.DecisionId, take));
                left[c.ClaimId] -= take;
                room -= take;
            }
        }
        return deductions;
    }
}
