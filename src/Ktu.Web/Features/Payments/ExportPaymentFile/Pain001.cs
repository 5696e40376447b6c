using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ktu.Web.Domain;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The payment list as an ISO 20022 credit transfer initiation, pain.001.001.09
/// (CustomerCreditTransferInitiationV09), the version Norwegian banks take for ISO 20022 payment files
/// today; .03 is being retired. One group header, one payment instruction (credit transfer, one
/// execution date, the embete's account) and one transaction per payment. The embete's account goes as
/// IBAN (computed from its BBAN); recipients' accounts as BBAN with scheme code "BBAN", as for domestic
/// payments. Only <see cref="PaymentList.Payments"/> go in; refused rows never do.
/// </summary>
internal static class Pain001
{
    public static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    /// <summary>Max35Text, as MsgId, PmtInfId, InstrId and EndToEndId are.</summary>
    public const int MaxId = 35;

    public static byte[] Write(PaymentList list, string messageId, DateTimeOffset createdAt, string? debtorBic = null)
    {
        var document = Build(list, messageId, createdAt, debtorBic);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }
        return stream.ToArray();
    }

    /// <param name="messageId">Unique per file sent to the bank (the bank refuses a repeated one); 1-35 characters.</param>
    /// <param name="debtorBic">The embete's bank's BIC when known; otherwise "NOTPROVIDED", which banks accept for their own customers' accounts.</param>
    public static XDocument Build(PaymentList list, string messageId, DateTimeOffset createdAt, string? debtorBic = null)
    {
        if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > MaxId)
        {
            throw new ArgumentException($"The message id must be 1-{MaxId} characters.", nameof(messageId));
        }
        // A payment reduced to nothing by repayment claims offset against it moves no money: the bank gets no zero transfer.
        var payments = list.Payments.Where(p => p.Amount > 0).ToList();
        if (payments.Count == 0)
        {
            throw new InvalidOperationException(PaymentTexts.NoPaymentsInList);
        }
        var count = payments.Count.ToString(CultureInfo.InvariantCulture);
        var sum = Amount(list.Total);
        var payerOrg = Mod11.Normalise(list.Payer.OrgNumber);

        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + "Document",
                new XElement(Ns + "CstmrCdtTrfInitn",
                    new XElement(Ns + "GrpHdr",
                        E("MsgId", messageId),
                        E("CreDtTm", createdAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
                        E("NbOfTxs", count),
                        E("CtrlSum", sum),
                        Party("InitgPty", list.Payer.Name, payerOrg)),
                    new XElement(Ns + "PmtInf",
                        E("PmtInfId", PaymentText.Cut(messageId + "-1", MaxId)),
                        E("PmtMtd", "TRF"),
                        E("NbOfTxs", count),
                        E("CtrlSum", sum),
                        new XElement(Ns + "ReqdExctnDt", E("Dt", list.ExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
                        Party("Dbtr", list.Payer.Name, payerOrg),
                        new XElement(Ns + "DbtrAcct",
                            new XElement(Ns + "Id", E("IBAN", NorwegianIban.FromBban(list.PayerAccount))),
                            E("Ccy", "NOK")),
                        new XElement(Ns + "DbtrAgt",
                            new XElement(Ns + "FinInstnId",
                                string.IsNullOrWhiteSpace(debtorBic)
                                    ? new XElement(Ns + "Othr", E("Id", "NOTPROVIDED"))
                                    : E("BICFI", debtorBic.Trim().ToUpperInvariant()))),
                        payments.Select((p, i) => Transaction(p, messageId, i + 1))))));
    }

    private static XElement Transaction(PaymentRow p, string messageId, int number) =>
        new(Ns + "CdtTrfTxInf",
            new XElement(Ns + "PmtId",
                E("InstrId", PaymentText.Cut($"{messageId}-{number.ToString(CultureInfo.InvariantCulture)}", MaxId)),
                E("EndToEndId", EndToEndId(p))),
            new XElement(Ns + "Amt", new XElement(Ns + "InstdAmt", new XAttribute("Ccy", "NOK"), Amount(p.Amount))),
            Party("Cdtr", p.RecipientName, p.RecipientOrgNumber, p.Address),
            new XElement(Ns + "CdtrAcct",
                new XElement(Ns + "Id",
                    new XElement(Ns + "Othr",
                        E("Id", p.AccountNumber),
                        new XElement(Ns + "SchmeNm", E("Cd", "BBAN"))))),
            new XElement(Ns + "RmtInf", E("Ustrd", PaymentText.Clean(p.Remark, PaymentList.MaxRemark))));

    /// <summary>The payment reference (the case reference, with the round for a supplementary grant), which follows the payment to the recipient; only letters, digits and - / are kept.</summary>
    internal static string EndToEndId(PaymentRow p) => EndToEndId(p.CaseReference, p.DecisionId);

    internal static string EndToEndId(string caseReference, Guid decisionId)
    {
        var id = new string(caseReference.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/').ToArray());
        return PaymentText.Cut(id.Length > 0 ? id : decisionId.ToString("N"), MaxId);
    }

    /// <summary>Whole kroner with two decimals and a point, as ISO 20022 amounts are written: 150000.00.</summary>
    internal static string Amount(long kroner) => kroner.ToString(CultureInfo.InvariantCulture) + ".00";

    private static XElement Party(string name, string partyName, string orgNumber, PostalAddress? address = null) =>
        new(Ns + name,
            E("Nm", PaymentText.Clean(partyName, PaymentList.MaxName)),
            address is null ? null : PostalAddressElement(address),
            new XElement(Ns + "Id",
                new XElement(Ns + "OrgId",
                    new XElement(Ns + "Othr", E("Id", orgNumber)))));

    /// <summary>
    /// PostalAddress24 in schema order: postcode, town and country structured, the street lines as AdrLine (Max70Text), since
    /// the applicant writes them as lines and they are not split into street name and number.
    /// </summary>
    private static XElement PostalAddressElement(PostalAddress a) =>
        new(Ns + "PstlAdr",
            E("PstCd", a.PostCode),
            E("TwnNm", PaymentText.Clean(a.Place, PostalAddress.MaxPlaceLength)),
            E("Ctry", "NO"),
            E("AdrLine", PaymentText.Clean(a.Line1, PostalAddress.MaxLineLength)),
            a.Line2 is null ? null : E("AdrLine", PaymentText.Clean(a.Line2, PostalAddress.MaxLineLength)));

    private static XElement E(string name, string value) => new(Ns + name, value);
}
