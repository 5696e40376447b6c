using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Letters;

/// <summary>That a grant has been paid, and on which date; marked once by the embete after the bank has paid.</summary>
public sealed class GrantPayment
{
    private GrantPayment()
    {
    }

    public Guid GrantDecisionId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public long Amount { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public DateTimeOffset MarkedAt { get; private set; }
    public string MarkedByUserId { get; private set; } = "";
    public string MarkedByName { get; private set; } = "";

    /// <summary>
    /// The payment of <paramref name="decision"/>: what was granted less what the payment file deducted for repayment claims
    /// offset against it (<paramref name="offset"/>), never below zero.
    /// </summary>
    public static GrantPayment Mark(Decisions.GrantDecision decision, DateOnly paidOn, Actor by, DateTimeOffset now, long offset) => new()
    {
        GrantDecisionId = decision.Id,
        EmbeteId = decision.EmbeteId,
        SchemeYear = decision.SchemeYear,
        Amount = Math.Max(0, decision.AmountGranted - Math.Max(0, offset)),
        PaidOn = paidOn,
        MarkedAt = now,
        MarkedByUserId = by.UserId,
        MarkedByName = by.DisplayName,
    };
}
