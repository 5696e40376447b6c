namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// Part (or all) of a repayment claim deducted from a later payment to the same organisation, recorded when the payment file
/// is made: which payment, how much, the execution date and the payment's reference. Kept while the payment is not marked
/// paid, so a payment file made again deducts the same amount once, never twice.
/// </summary>
public sealed class ClaimOffset
{
    private ClaimOffset()
    {
    }

    public Guid Id { get; private set; }
    public Guid RepaymentClaimId { get; private set; }
    /// <summary>The grant whose payment the amount is deducted from.</summary>
    public Guid PaymentDecisionId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public long Amount { get; private set; }
    public DateOnly OffsetOn { get; private set; }
    /// <summary>The reference the payment carries to the recipient (the case reference, as the bank file's end-to-end id).</summary>
    public string PaymentReference { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedByName { get; private set; } = "";

    public static ClaimOffset Record(RepaymentClaim claim, Guid paymentDecisionId, long amount, DateOnly offsetOn, string paymentReference,
        Applications.Actor by, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return new ClaimOffset
        {
            Id = Guid.NewGuid(),
            RepaymentClaimId = claim.Id,
            PaymentDecisionId = paymentDecisionId,
            OrganisationId = claim.OrganisationId,
            EmbeteId = claim.EmbeteId,
            Amount = amount,
            OffsetOn = offsetOn,
            PaymentReference = paymentReference,
            RecordedAt = now,
            RecordedByName = by.DisplayName,
        };
    }
}
