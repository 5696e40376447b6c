using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Payments;
using static Ktu.UnitTests.GrantLetters.LetterExamples;
using static Ktu.UnitTests.Payments.PaymentExamples;

namespace Ktu.UnitTests.Payments;

public sealed class PaymentListTests
{
    [Fact]
    public void A_payment_has_recipient_org_number_account_amount_and_remark()
    {
        var list = List(Decision());

        var p = Assert.Single(list.Payments);
        Assert.Equal("Trondheim kommune", p.RecipientName);
        Assert.Equal("942110464", p.RecipientOrgNumber);
        Assert.Equal("86011117947", p.AccountNumber);
        Assert.Equal(150_000, p.Amount);
        Assert.Equal("KTU-2025-TRO-0001 Prosjekt 4711", p.Remark);
        Assert.Empty(list.Refused);
        Assert.Equal(150_000, list.Total);
    }

    [Fact]
    public void Without_a_remark_the_payment_says_the_case_and_year()
    {
        var p = Assert.Single(List(Decision(paymentRemark: null)).Payments);

        Assert.Equal("KTU-2025-TRO-0001 Tilskudd 2025", p.Remark);
    }

    [Fact]
    public void A_long_remark_with_line_breaks_is_one_line_of_at_most_140_characters()
    {
        var p = Assert.Single(List(Decision(paymentRemark: "Linje én\r\n\tlinje to " + new string('x', 300))).Payments);

        Assert.Equal(140, p.Remark.Length);
        Assert.StartsWith("KTU-2025-TRO-0001 Linje én linje to xxx", p.Remark, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_are_skipped_because_nothing_is_paid()
    {
        var refusal = Decision([Line("c1", DecisionPart.Competence, "Fagskole", 50_000, 0, "Ikke prioritert.")], applicant: Roros(), caseReference: "KTU-2025-TRO-0002");

        var list = List(Decision(), refusal);

        Assert.Single(list.Payments);
        Assert.Empty(list.Refused);
    }

    [Theory]
    [InlineData("86011117948", "Kontonummeret er ikke gyldig.")]
    [InlineData("8601111794", "Kontonummeret må ha 11 siffer.")]
    [InlineData(null, "Kontonummer mangler.")]
    public void An_account_number_that_fails_mod11_is_refused_with_a_norwegian_message(string? account, string expected)
    {
        var list = List(Decision(accountNumber: account), Granted(90_000, Roros(), "KTU-2025-TRO-0002", "12345678903"));

        var refused = Assert.Single(list.Refused);
        Assert.Equal("Trondheim kommune", refused.RecipientName);
        Assert.False(refused.IsPayable);
        Assert.StartsWith(expected, refused.Problem, StringComparison.Ordinal);
        Assert.Contains("Utbetalingen til Trondheim kommune er stoppet.", refused.Problem, StringComparison.Ordinal);
        Assert.Equal("Røros kommune", Assert.Single(list.Payments).RecipientName);
        Assert.Equal(90_000, list.Total);
    }

    [Fact]
    public void A_decision_of_another_embete_or_a_repeated_one_is_refused()
    {
        var trondheim = Decision();
        var tromso = Granted(100_000, Tromso(), "KTU-2025-TRF-0001");

        var list = List(trondheim, tromso, trondheim);

        Assert.Single(list.Payments);
        Assert.Equal(2, list.Refused.Count);
        Assert.Contains(list.Refused, r => r.Problem!.Contains("annet embete", StringComparison.Ordinal));
        Assert.Contains(list.Refused, r => r.Problem!.Contains("to ganger", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_payer_account_stops_the_whole_list()
    {
        var e = Assert.Throws<ArgumentException>(() => PaymentList.From([Decision()], Trondelag, "12345678900", ExecutionDate));

        Assert.Contains("Embetets kontonummer kan ikke brukes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Payments_come_in_case_reference_order_whatever_the_input_order()
    {
        var a = Granted(1_000, Trondheim(), "KTU-2025-TRO-0003");
        var b = Granted(2_000, Roros(), "KTU-2025-TRO-0001");

        Assert.Equal(List(a, b).Payments.Select(p => p.CaseReference), List(b, a).Payments.Select(p => p.CaseReference));
        Assert.Equal("KTU-2025-TRO-0001", List(a, b).Payments[0].CaseReference);
    }
}
