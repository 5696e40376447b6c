using System.Globalization;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The payments one embete makes from a set of fixed decisions, checked again at export: the account is
/// taken from the application and may have been typed wrong, so every account number is re-checked with
/// MOD11 here, and a payment that cannot be made is listed in <see cref="Refused"/> with the reason,
/// never silently dropped. Refusals (nothing granted) are skipped: there is nothing to pay.
/// </summary>
internal sealed record PaymentList(
    Embete Payer,
    AccountNumber PayerAccount,
    DateOnly ExecutionDate,
    IReadOnlyList<PaymentRow> Payments,
    IReadOnlyList<PaymentRow> Refused)
{
    /// <summary>Remittance information, unstructured: at most 140 characters in ISO 20022.</summary>
    public const int MaxRemark = 140;
    /// <summary>Names in ISO 20022 (Max140Text).</summary>
    public const int MaxName = 140;

    public long Total => Payments.Sum(p => p.Amount);

    /// <summary>Whole kroner of repayment claims deducted from the payments.</summary>
    public long OffsetTotal => Payments.Sum(p => p.Offset);

    /// <param name="changed">Payee details (account, organisation number, postal address) changed after the decision and approved by the
    /// embete, by decision id; what they carry replaces the decision's.</param>
    /// <param name="offsets">Repayment claims deducted per payment (decision id), at most the granted amount.</param>
    public static PaymentList From(IEnumerable<GrantDecision> decisions, Embete payer, string payerAccount, DateOnly executionDate,
        IReadOnlyDictionary<Guid, Data.ChangedPayee>? changed = null, IReadOnlyDictionary<Guid, long>? offsets = null)
    {
        if (!AccountNumber.TryParse(payerAccount, out var account, out var accountError))
        {
            throw new ArgumentException(Format.Text(PaymentTexts.PayerAccountUnusable, accountError), nameof(payerAccount));
        }
        var payments = new List<PaymentRow>();
        var refused = new List<PaymentRow>();
        var seenDecisions = new HashSet<Guid>();
        var seenReferences = new HashSet<string>(StringComparer.Ordinal);
        // Same order every time, whatever order the decisions were read in.
        foreach (var d in decisions.OrderBy(d => d.CaseReference, StringComparer.Ordinal).ThenBy(d => d.RoundNumber).ThenBy(d => d.Id))
        {
            if (d.AmountGranted <= 0)
            {
                continue;
            }
            var payee = changed?.GetValueOrDefault(d.Id);
            var accountNumber = payee?.AccountNumber ?? d.AccountNumber;
            var orgNumber = payee?.OrgNumber ?? d.ApplicantOrgNumber;
            var offset = Math.Clamp(offsets?.GetValueOrDefault(d.Id) ?? 0, 0, d.AmountGranted);
            var row = Row(d, accountNumber, orgNumber) with { Amount = d.AmountGranted - offset, Offset = offset, Address = payee?.Address };
            var problem = Problem(d, accountNumber, orgNumber, payer)
                ?? (seenDecisions.Add(d.Id) ? null : PaymentTexts.DecisionTwice)
                ?? (seenReferences.Add(d.PaymentReference) ? null : Format.Text(PaymentTexts.CaseReferenceTwice, d.PaymentReference));
            (problem is null ? payments : refused).Add(row with { Problem = problem });
        }
        return new PaymentList(payer, account.Value, executionDate, payments, refused);
    }

    private static PaymentRow Row(GrantDecision d, string? accountNumber, string? orgNumber) => new(
        d.Id,
        d.PaymentReference,
        d.SchemeYear,
        PaymentText.Clean(d.ApplicantName, MaxName),
        Mod11.Normalise(orgNumber),
        AccountNumber.TryParse(accountNumber, out var account) ? account.Value.Value : PaymentText.Clean(accountNumber, 40),
        d.AmountGranted,
        Remark(d),
        null);

    private static string? Problem(GrantDecision d, string? accountNumber, string? orgNumber, Embete payer)
    {
        if (!string.Equals(d.EmbeteId, payer.Id, StringComparison.Ordinal))
        {
            return Format.Text(PaymentTexts.OtherEmbete, d.EmbeteId, payer.Name);
        }
        if (!AccountNumber.TryParse(accountNumber, out _, out var accountError))
        {
            return Format.Text(PaymentTexts.AccountStopped, accountError, d.ApplicantName);
        }
        if (!OrgNumber.TryParse(orgNumber, out _, out var orgError))
        {
            return Format.Text(PaymentTexts.OrgNumberStopped, orgError, d.ApplicantName);
        }
        return null;
    }

    /// <summary>
    /// The payment reference (the case reference, with the round for a supplementary grant) first, so the recipient can match the money to the letter, then the applicant's
    /// own remark from the application, or the scheme year when there is none.
    /// </summary>
    private static string Remark(GrantDecision d)
    {
        var own = PaymentText.Clean(d.PaymentRemark, MaxRemark);
        var text = own.Length > 0
            ? $"{d.PaymentReference} {own}"
            : Format.Text(PaymentTexts.RemarkDefault, d.PaymentReference, d.SchemeYear.ToString(CultureInfo.InvariantCulture));
        return PaymentText.Cut(text, MaxRemark);
    }
}
