namespace Ktu.Web.Features.Payments;

/// <summary>
/// One payment to make: to whom, which account, how much (whole kroner) and the text on the recipient's
/// statement, and the postal address when one was approved after the decision. <see cref="Amount"/> is what is paid: the granted amount less <see cref="Offset"/>, repayment claims deducted
/// from it. <see cref="CaseReference"/> is the decision's payment reference (<see cref="Domain.Decisions.GrantDecision.PaymentReference"/>):
/// the case reference, with the round for a supplementary grant. <see cref="Problem"/> is a Norwegian message when the payment must be stopped.
/// </summary>
internal sealed record PaymentRow(
    Guid DecisionId,
    string CaseReference,
    int SchemeYear,
    string RecipientName,
    string RecipientOrgNumber,
    string AccountNumber,
    long Amount,
    string Remark,
    string? Problem,
    long Offset = 0,
    Ktu.Web.Domain.PostalAddress? Address = null)
{
    public long Granted => Amount + Offset;

    public bool IsPayable => Problem is null;
}
