using System.Text;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Payments;
using static Ktu.UnitTests.GrantLetters.LetterExamples;
using static Ktu.UnitTests.Payments.PaymentExamples;

namespace Ktu.UnitTests.Payments;

public sealed class PaymentCsvTests
{
    private static string[] Lines(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 BOM, so Excel reads æøå
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void The_csv_has_a_header_and_one_semicolon_separated_row_per_payment_in_whole_kroner()
    {
        var lines = Lines(PaymentCsv.Write(List(Decision(), Granted(90_000, Roros(), "KTU-2025-TRO-0002", "12345678903"))));

        Assert.Equal("Mottaker;Organisasjonsnummer;Kontonummer;Beløp;Melding til mottaker;Saksnummer;Tilskuddsår;Betalingsdato;Innvilget beløp;Motregnet krav om tilbakebetaling;Postadresse", lines[0]);
        Assert.Equal("Trondheim kommune;942 110 464;8601.11.17947;150000;KTU-2025-TRO-0001 Prosjekt 4711;KTU-2025-TRO-0001;2025;02.06.2025;150000;0;", lines[1]);
        Assert.Equal("Røros kommune;939 898 743;1234.56.78903;90000;KTU-2025-TRO-0002 Prosjekt 4711;KTU-2025-TRO-0002;2025;02.06.2025;90000;0;", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Refused_payments_are_not_in_the_file()
    {
        var lines = Lines(PaymentCsv.Write(List(Decision(accountNumber: "86011117948"))));

        Assert.Single(lines);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+47 1", "'+47 1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("Røros kommune", "Røros kommune")]
    public void A_cell_is_defused_and_quoted(string value, string expected) =>
        Assert.Equal(expected, PaymentCsv.Cell(value));

    [Fact]
    public void A_remark_typed_as_a_formula_cannot_run_in_excel()
    {
        var lines = Lines(PaymentCsv.Write(List(Decision(
            [Line("c1", DecisionPart.Competence, "Kurs", 10_000, 10_000)],
            caseReference: "=1+1", paymentRemark: "=cmd|'/C calc'!A0"))));

        var cells = lines[1].Split(';');
        Assert.StartsWith("'=1+1", cells[4], StringComparison.Ordinal);
        Assert.Equal("'=1+1", cells[5]);
    }

    [Fact]
    public void An_organisation_number_and_address_approved_after_the_decision_replace_the_decision_s()
    {
        var decision = Decision();
        var changed = new Dictionary<Guid, Ktu.Web.Data.ChangedPayee>
        {
            [decision.Id] = new(null, "939898743", new Ktu.Web.Domain.PostalAddress("Kongens gate 1", null, "7011", "Trondheim")),
        };
        var lines = Lines(PaymentCsv.Write(PaymentList.From([decision], Trondelag, PayerAccount, ExecutionDate, changed)));

        Assert.Equal("Trondheim kommune;939 898 743;8601.11.17947;150000;KTU-2025-TRO-0001 Prosjekt 4711;KTU-2025-TRO-0001;2025;02.06.2025;150000;0;Kongens gate 1, 7011 Trondheim", lines[1]);
    }
}
