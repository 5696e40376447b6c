using System.Globalization;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Payments;
using static Ktu.UnitTests.GrantLetters.LetterExamples;
using static Ktu.UnitTests.Payments.PaymentExamples;

namespace Ktu.UnitTests.Payments;

/// <summary>The pain.001.001.09 file parsed back and checked element by element; Pain001SchemaTests checks it against our subset schema.</summary>
public sealed class Pain001Tests
{
    private static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    private static XDocument Parse(PaymentList list, string? bic = null) =>
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(Pain001.Write(list, "KTU-TRONDELAG-20250528-1", CreatedAt, bic)));

    private static string At(XElement e, params string[] path) =>
        path.Aggregate(e, (x, name) => x.Element(Ns + name) ?? throw new Xunit.Sdk.XunitException($"{name} is missing under {x.Name.LocalName}")).Value;

    private static PaymentList TwoPayments() =>
        List(Decision(), Granted(90_000, Roros(), "KTU-2025-TRO-0002", "12345678903"));

    [Fact]
    public void The_group_header_has_id_time_count_control_sum_and_initiating_party()
    {
        var doc = Parse(TwoPayments());

        var root = doc.Root!;
        Assert.Equal(Ns + "Document", root.Name);
        var header = root.Element(Ns + "CstmrCdtTrfInitn")!.Element(Ns + "GrpHdr")!;
        Assert.Equal(["MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty"], header.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("KTU-TRONDELAG-20250528-1", At(header, "MsgId"));
        Assert.Equal("2025-05-28T08:30:00+00:00", At(header, "CreDtTm"));
        Assert.Equal("2", At(header, "NbOfTxs"));
        Assert.Equal("240000.00", At(header, "CtrlSum"));
        Assert.Equal("Statsforvalteren i Trøndelag", At(header, "InitgPty", "Nm"));
        Assert.Equal("974764350", At(header, "InitgPty", "Id", "OrgId", "Othr", "Id"));
    }

    [Fact]
    public void One_payment_instruction_has_method_date_debtor_iban_and_the_transactions()
    {
        var info = Assert.Single(Parse(TwoPayments()).Root!.Element(Ns + "CstmrCdtTrfInitn")!.Elements(Ns + "PmtInf"));

        Assert.Equal(
            ["PmtInfId", "PmtMtd", "NbOfTxs", "CtrlSum", "ReqdExctnDt", "Dbtr", "DbtrAcct", "DbtrAgt", "CdtTrfTxInf", "CdtTrfTxInf"],
            info.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("TRF", At(info, "PmtMtd"));
        Assert.Equal("2", At(info, "NbOfTxs"));
        Assert.Equal("240000.00", At(info, "CtrlSum"));
        Assert.Equal("2025-06-02", At(info, "ReqdExctnDt", "Dt"));
        Assert.Equal("Statsforvalteren i Trøndelag", At(info, "Dbtr", "Nm"));
        var iban = At(info, "DbtrAcct", "Id", "IBAN");
        Assert.Equal("NO" + iban[2..4] + "12345678903", iban);
        Assert.True(NorwegianIban.IsValid(iban));
        Assert.Equal("NOK", At(info, "DbtrAcct", "Ccy"));
        Assert.Equal("NOTPROVIDED", At(info, "DbtrAgt", "FinInstnId", "Othr", "Id"));

        var first = info.Elements(Ns + "CdtTrfTxInf").First();
        Assert.Equal("KTU-2025-TRO-0001", At(first, "PmtId", "EndToEndId"));
        var amount = first.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!;
        Assert.Equal("NOK", amount.Attribute("Ccy")!.Value);
        Assert.Equal("150000.00", amount.Value);
        Assert.Equal("Trondheim kommune", At(first, "Cdtr", "Nm"));
        Assert.Equal("942110464", At(first, "Cdtr", "Id", "OrgId", "Othr", "Id"));
        Assert.Equal("86011117947", At(first, "CdtrAcct", "Id", "Othr", "Id"));
        Assert.Equal("BBAN", At(first, "CdtrAcct", "Id", "Othr", "SchmeNm", "Cd"));
        Assert.Equal("KTU-2025-TRO-0001 Prosjekt 4711", At(first, "RmtInf", "Ustrd"));
    }

    [Fact]
    public void A_bic_for_the_embete_s_bank_is_used_when_given()
    {
        var info = Parse(TwoPayments(), "dnbanokk").Root!.Element(Ns + "CstmrCdtTrfInitn")!.Element(Ns + "PmtInf")!;

        Assert.Equal("DNBANOKK", At(info, "DbtrAgt", "FinInstnId", "BICFI"));
    }

    [Fact]
    public void Markup_and_control_characters_in_texts_are_escaped_or_removed()
    {
        var list = List(Decision(paymentRemark: "<Ustrd>&amp; \u0001\"' </RmtInf>"));

        var bytes = Pain001.Write(list, "M1", CreatedAt);
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));

        var remark = doc.Descendants(Ns + "Ustrd").Single().Value;
        Assert.Equal("KTU-2025-TRO-0001 <Ustrd>&amp; \"' </RmtInf>", remark);
        Assert.Single(doc.Descendants(Ns + "RmtInf"));
    }

    [Fact]
    public void Refused_payments_are_left_out_and_an_empty_list_makes_no_file()
    {
        var list = List(Decision(accountNumber: "86011117948"), Granted(90_000, Roros(), "KTU-2025-TRO-0002", "12345678903"));

        var doc = Parse(list);

        Assert.Equal("1", doc.Descendants(Ns + "NbOfTxs").First().Value);
        Assert.DoesNotContain(doc.Descendants(Ns + "Nm"), n => n.Value == "Trondheim kommune");
        Assert.Throws<InvalidOperationException>(() => Pain001.Write(List(Decision(accountNumber: null)), "M1", CreatedAt));
        Assert.Throws<ArgumentException>(() => Pain001.Write(list, new string('x', 36), CreatedAt));
    }

    [Fact]
    public void With_everything_paid_there_is_no_bank_file_and_the_reason_is_a_rule_not_a_crash()
    {
        var e = Assert.Throws<Ktu.Web.Web.RuleViolationException>(() => Ktu.Web.Features.Payments.ExportPaymentFile.Pain001File(List(), 2025, CreatedAt));

        Assert.Contains("alle tilskudd er markert som betalt", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Valid account numbers: ten random digits and their MOD11 check digit.</summary>
    private static Gen<string> ValidAccount() =>
        Gen.Choose(0, 9).ArrayOf(10).Select(a => string.Concat(a))
            .Where(body => Mod11.CheckDigit(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) is not null)
            .Select(body => body + Mod11.CheckDigit(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]));

    private static Gen<(long Amount, string Account, bool Roros)> Payment() =>
        from amount in Gen.Frequency((1, Gen.Constant(0L)), (8, Gen.Choose(1, 5_000_000).Select(i => (long)i)))
        from account in Gen.Frequency((1, Gen.Constant("86011117948")), (6, ValidAccount()))
        from roros in Gen.Elements(true, false)
        select (amount, account, roros);

    [Property(MaxTest = 100)]
    public Property The_control_sum_is_the_sum_and_every_payable_decision_appears_exactly_once() =>
        Prop.ForAll(Payment().ListOf().Select(l => l.ToList()).ToArbitrary(), payments =>
        {
            var decisions = payments.Select((p, i) =>
                Granted(p.Amount, p.Roros ? Roros() : Trondheim(), $"KTU-2025-TRO-{i.ToString("0000", CultureInfo.InvariantCulture)}", p.Account)).ToList();
            var list = PaymentList.From(decisions, Trondelag, PayerAccount, ExecutionDate);
            var payable = decisions.Where(d => d.AmountGranted > 0 && AccountNumber.IsValid(d.AccountNumber)).ToList();

            Assert.Equal(payable.Count, list.Payments.Count);
            Assert.Equal(decisions.Count(d => d.AmountGranted > 0) - payable.Count, list.Refused.Count);
            if (list.Payments.Count == 0)
            {
                return;
            }
            var doc = Parse(list);
            var transactions = doc.Descendants(Ns + "CdtTrfTxInf").ToList();
            var amounts = transactions.Select(t => decimal.Parse(t.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(payable.Sum(d => d.AmountGranted), amounts.Sum());
            foreach (var ctrlSum in doc.Descendants(Ns + "CtrlSum"))
            {
                Assert.Equal(amounts.Sum(), decimal.Parse(ctrlSum.Value, CultureInfo.InvariantCulture));
            }
            Assert.All(doc.Descendants(Ns + "NbOfTxs"), n => Assert.Equal(transactions.Count.ToString(CultureInfo.InvariantCulture), n.Value));
            var ids = transactions.Select(t => t.Element(Ns + "PmtId")!.Element(Ns + "EndToEndId")!.Value).ToList();
            Assert.Equal(payable.Select(d => d.CaseReference).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        });

    [Property(MaxTest = 300)]
    public Property Every_valid_account_number_gives_a_valid_iban() =>
        Prop.ForAll(ValidAccount().ToArbitrary(), account =>
            NorwegianIban.IsValid(NorwegianIban.FromBban(AccountNumber.Parse(account))));
}
