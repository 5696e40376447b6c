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

/// <summary>
/// The pain.001.001.09 file against our own subset schema (pain.001.001.09-subset.xsd): what Pain001 writes
/// must be valid, and the schema must catch the mistakes a hand-edited writer could make.
/// </summary>
public sealed class Pain001SchemaTests
{
    private static readonly XNamespace Ns = Pain001.Ns;

    /// <summary>A name of 160 letters: longer than Max140Text, so the writer must cut it.</summary>
    private static Organisation LongNamedIks() => new()
    {
        OrgNumber = "974764687",
        Name = "Interkommunalt selskap for kompetanseheving i helse- og omsorgstjenestene i Trøndelag sør, Gauldal, Orkdal og Fosen – avdeling for opplæring og utvikling IKS",
        Kind = OrganisationKind.InterMunicipalCompany,
        CountyNumber = "50",
        EmbeteId = "trondelag",
    };

    /// <summary>A year's list as an embete makes it: twelve grants of different sizes, remarks as applicants type them.</summary>
    private static PaymentList RealisticList()
    {
        var remarks = new[] { "Prosjekt 4711", "Faktura 2025-88, ref. Åse Ødegård", "KTU «kompetanse» & BPA", null, "Linje 1\nLinje 2\ttab", new string('x', 200) };
        var decisions = Enumerable.Range(1, 12).Select(i => Decision(
            [Line("c1", DecisionPart.Competence, "Videreutdanning", i * 37_500, i * 37_500)],
            (i % 3) switch { 0 => Roros(), 1 => Trondheim(), _ => LongNamedIks() },
            $"KTU-2025-TRO-{i.ToString("0000", CultureInfo.InvariantCulture)}",
            "86011117947",
            remarks[i % remarks.Length])).ToArray();
        return List(decisions);
    }

    [Fact]
    public void The_file_for_a_realistic_payment_list_follows_the_schema()
    {
        var list = RealisticList();
        Assert.Equal(12, list.Payments.Count);

        var xml = Pain001.Write(list, "KTU-2025-TRONDELA-20250528083000", CreatedAt);

        Pain001Schema.AssertValid(xml);
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml));
        Assert.Equal(12, doc.Descendants(Ns + "CdtTrfTxInf").Count());
        Assert.Contains(doc.Descendants(Ns + "Nm"), n => n.Value.Length == PaymentList.MaxName);
    }

    [Fact]
    public void A_creditor_s_postal_address_goes_in_pstladr_and_follows_the_schema()
    {
        var decision = Decision();
        var changed = new Dictionary<Guid, Ktu.Web.Data.ChangedPayee>
        {
            [decision.Id] = new(null, null, new Ktu.Web.Domain.PostalAddress("Rådhuset", "Postboks 2410 Sluppen", "7005", "Trondheim")),
        };
        var xml = Pain001.Write(PaymentList.From([decision], Trondelag, PayerAccount, ExecutionDate, changed), "M1", CreatedAt);

        Pain001Schema.AssertValid(xml);
        var creditor = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml)).Descendants(Ns + "Cdtr").Single();
        Assert.Equal(["Nm", "PstlAdr", "Id"], creditor.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["7005", "Trondheim", "NO", "Rådhuset", "Postboks 2410 Sluppen"], creditor.Element(Ns + "PstlAdr")!.Elements().Select(e => e.Value));
    }

    [Fact]
    public void The_file_with_the_bank_s_bic_follows_the_schema() =>
        Pain001Schema.AssertValid(Pain001.Write(RealisticList(), "M1", CreatedAt, "dnbanokk"));

    /// <summary>Valid account numbers: ten random digits and their MOD11 check digit.</summary>
    private static Gen<string> ValidAccount() =>
        Gen.Choose(0, 9).ArrayOf(10).Select(a => string.Concat(a))
            .Where(body => Mod11.CheckDigit(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) is not null)
            .Select(body => body + Mod11.CheckDigit(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]));

    [Property(MaxTest = 50)]
    public Property Every_file_the_writer_makes_follows_the_schema() =>
        Prop.ForAll(
            (from amount in Gen.Choose(1, 50_000_000)
             from account in ValidAccount()
             from remark in ArbMap.Default.GeneratorFor<string>()
             select (amount, account, remark)).NonEmptyListOf().Select(l => l.ToList()).ToArbitrary(),
            payments =>
            {
                var decisions = payments.Select((p, i) => Decision(
                    [Line("c1", DecisionPart.Competence, "Videreutdanning", p.amount, p.amount)], Trondheim(),
                    $"KTU-2025-TRO-{i.ToString("0000", CultureInfo.InvariantCulture)}", p.account, p.remark)).ToArray();

                Pain001Schema.AssertValid(Pain001.Write(List(decisions), "M1", CreatedAt));
            });

    // The schema must catch mistakes, or the test above proves nothing.

    private static XDocument Valid() => XDocument.Parse(System.Text.Encoding.UTF8.GetString(Pain001.Write(RealisticList(), "M1", CreatedAt)));

    private static void AssertInvalid(XDocument doc, string expected)
    {
        var errors = Pain001Schema.Errors(doc);
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_refuses_elements_out_of_order()
    {
        var doc = Valid();
        var header = doc.Descendants(Ns + "GrpHdr").Single();
        var count = header.Element(Ns + "NbOfTxs")!;
        count.Remove();
        header.Element(Ns + "MsgId")!.AddAfterSelf(count); // NbOfTxs before CreDtTm

        AssertInvalid(doc, "NbOfTxs");
    }

    [Fact]
    public void The_schema_refuses_a_name_longer_than_140_characters()
    {
        var doc = Valid();
        doc.Descendants(Ns + "Cdtr").First().Element(Ns + "Nm")!.Value = new string('Ø', 141);

        AssertInvalid(doc, "Nm");
    }

    [Fact]
    public void The_schema_refuses_an_empty_remittance_text_and_a_too_long_end_to_end_id()
    {
        var doc = Valid();
        doc.Descendants(Ns + "Ustrd").First().Value = "";
        doc.Descendants(Ns + "EndToEndId").First().Value = new string('1', 36);

        var errors = Pain001Schema.Errors(doc);
        Assert.Contains(errors, e => e.Contains("Ustrd", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("EndToEndId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("150000.123456", "NOK")] // six decimals
    [InlineData("1234567890123456789", "NOK")] // nineteen digits
    [InlineData("-5.00", "NOK")]
    [InlineData("150 000,00", "NOK")]
    [InlineData("150000.00", "nok")]
    [InlineData("150000.00", "NOKR")]
    public void The_schema_refuses_a_malformed_amount_or_currency(string amount, string currency)
    {
        var doc = Valid();
        var instructed = doc.Descendants(Ns + "InstdAmt").First();
        instructed.Value = amount;
        instructed.Attribute("Ccy")!.Value = currency;

        Assert.NotEmpty(Pain001Schema.Errors(doc));
    }

    [Theory]
    [InlineData("NOK")]
    [InlineData("EUR")]
    [InlineData("SEK")]
    public void The_schema_takes_any_currency_code_not_only_euro(string currency)
    {
        var doc = Valid();
        doc.Descendants(Ns + "InstdAmt").First().Attribute("Ccy")!.Value = currency;
        doc.Descendants(Ns + "DbtrAcct").Single().Element(Ns + "Ccy")!.Value = currency;

        Assert.Empty(Pain001Schema.Errors(doc));
    }

    [Theory]
    [InlineData("IBAN", "no9386011117947")] // lower-case country code
    [InlineData("IBAN", "NO9")]
    [InlineData("NbOfTxs", "12 stk")]
    [InlineData("PmtMtd", "GIRO")]
    [InlineData("CreDtTm", "28.05.2025 08:30")]
    [InlineData("Dt", "2025-6-2")]
    public void The_schema_refuses_malformed_codes_identifiers_and_dates(string element, string value)
    {
        var doc = Valid();
        doc.Descendants(Ns + element).First().Value = value;

        AssertInvalid(doc, element);
    }

    [Fact]
    public void The_schema_refuses_a_bic_that_is_not_a_bic()
    {
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Pain001.Write(RealisticList(), "M1", CreatedAt, "DNBANOKK")));
        doc.Descendants(Ns + "BICFI").Single().Value = "DNB-NO";

        AssertInvalid(doc, "BICFI");
    }

    [Fact]
    public void The_schema_refuses_a_missing_end_to_end_id_and_an_unknown_element()
    {
        var doc = Valid();
        doc.Descendants(Ns + "EndToEndId").First().Remove();
        doc.Descendants(Ns + "RmtInf").First().Add(new XElement(Ns + "Notat", "ikke i meldingen"));

        var errors = Pain001Schema.Errors(doc);
        Assert.Contains(errors, e => e.Contains("EndToEndId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Notat", StringComparison.Ordinal));
    }
}
