using System.Text;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Schemes;
using UglyToad.PdfPig;
using static Ktu.TestSupport.PdfText;
using static Ktu.UnitTests.GrantLetters.LetterExamples;

namespace Ktu.UnitTests.GrantLetters;

/// <summary>The grant letter read back with PdfPig, as the applicant or an archive reads it.</summary>
public sealed class GrantLetterPdfTests
{
    private static string Render(GrantDecision decision, SchemeYear? scheme = null) =>
        Flat(GrantLetterPdf.Render(Input(decision, scheme)));

    [Fact]
    public void A_grant_letter_shows_sender_recipient_date_case_and_scheme()
    {
        var text = Render(Decision());

        Assert.Contains("Vedtak om kompetanse- og tjenesteutviklingstilskudd 2025", text, StringComparison.Ordinal);
        Assert.Contains("Statsforvalteren i Trøndelag (org.nr. 974 764 350)", text, StringComparison.Ordinal);
        Assert.Contains("Trondheim kommune (org.nr. 942 110 464)", text, StringComparison.Ordinal);
        Assert.Contains("22. mai 2025", text, StringComparison.Ordinal);
        Assert.Contains("KTU-2025-TRO-0001", text, StringComparison.Ordinal);
        Assert.Contains("Kompetanse- og tjenesteutviklingstilskudd 2025", text, StringComparison.Ordinal);
        Assert.Contains("Side 1 av", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_letter_shows_amounts_per_part_and_line_with_reasons_and_what_was_not_granted()
    {
        var text = Render(Decision());

        Assert.Contains("gir Trondheim kommune kr 150 000 i kompetanse- og tjenesteutviklingstilskudd for 2025", text, StringComparison.Ordinal);
        Assert.Contains("Videreutdanning i palliativ omsorg (3 personer) kr 90 000 kr 90 000", text, StringComparison.Ordinal);
        Assert.Contains("Videreutdanning i psykisk helsearbeid (3 personer) kr 60 000 kr 40 000", text, StringComparison.Ordinal);
        Assert.Contains("Begrunnelse: Redusert fordi rammen ikke dekker alle søknader", text, StringComparison.Ordinal);
        Assert.Contains("Sum kompetansetiltak kr 130 000", text, StringComparison.Ordinal);
        Assert.Contains("Opplæring i brukerstyrt personlig assistanse (BPA)", text, StringComparison.Ordinal);
        Assert.Contains("Arbeidsledere (brukere) kr 20 000 kr 20 000", text, StringComparison.Ordinal);
        Assert.Contains("Sum BPA-opplæring kr 20 000", text, StringComparison.Ordinal);
        Assert.Contains("Samlet tilskudd kr 150 000", text, StringComparison.Ordinal);
        Assert.Contains("Dere søkte om totalt kr 320 000.", text, StringComparison.Ordinal);

        Assert.Contains("Dette får dere ikke tilskudd til", text, StringComparison.Ordinal);
        Assert.Contains("Tjenesteutviklingstiltak", text, StringComparison.Ordinal);
        Assert.Contains("Velferdsteknologi i hjemmetjenesten kr 150 000", text, StringComparison.Ordinal);
        Assert.Contains("Begrunnelse: Ikke innvilget fordi rammen ikke strekker til", text, StringComparison.Ordinal);
        Assert.Contains("Videreutdanning i psykisk helsearbeid (3 personer) kr 20 000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_letter_states_the_conditions_payment_and_no_appeal()
    {
        var text = Render(Decision(extraConditions: "Tiltaket skal evalueres sammen med brukerrådet."));

        Assert.Contains("redusere mangelen på personell med relevant fagutdanning", text, StringComparison.Ordinal);
        Assert.Contains("Tiltaket skal evalueres sammen med brukerrådet.", text, StringComparison.Ordinal);
        Assert.Contains("Dere skal rapportere til Statsforvalteren i Trøndelag innen 2. mars 2026.", text, StringComparison.Ordinal);
        Assert.Contains("har fullført, er i gang med eller har avbrutt utdanningen", text, StringComparison.Ordinal);
        Assert.Contains("regnskap som kan sammenlignes med budsjettet", text, StringComparison.Ordinal);
        Assert.Contains("kan som hovedregel overføres til neste år", text, StringComparison.Ordinal);
        Assert.Contains("For mye utbetalt tilskudd skal betales tilbake til Statsforvalteren i Trøndelag", text, StringComparison.Ordinal);
        Assert.Contains("8601.11.17947", text, StringComparison.Ordinal);
        Assert.Contains("Prosjekt 4711", text, StringComparison.Ordinal);
        Assert.Contains("hvis adresse, kontonummer eller organisasjonsnummer blir endret", text, StringComparison.Ordinal);
        Assert.Contains("Det er ikke klagerett på tildeling eller avslag på tilskudd fra denne ordningen, jf. forvaltningsloven § 28.", text, StringComparison.Ordinal);
        Assert.Contains("Saken er behandlet av Saksbehandler Åse Ødegård og godkjent av Godkjenner Bjørn Ærlig.", text, StringComparison.Ordinal);
        Assert.Contains("Oppgi saksnummer KTU-2025-TRO-0001.", text, StringComparison.Ordinal);
        Assert.Contains("Med hilsen Statsforvalteren i Trøndelag", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ThresholdComparison.AtLeast, 199_999, false)]
    [InlineData(ThresholdComparison.AtLeast, 200_000, true)]
    [InlineData(ThresholdComparison.Above, 200_000, false)]
    [InlineData(ThresholdComparison.Above, 200_001, true)]
    public void The_auditor_condition_appears_exactly_from_the_threshold(ThresholdComparison comparison, long granted, bool expected)
    {
        var text = Render(Granted(granted), Year2025(comparison));

        Assert.Equal(expected, text.Contains("Revisorattestasjon", StringComparison.Ordinal));
        Assert.Equal(expected, text.Contains("ISA 805", StringComparison.Ordinal));
        Assert.Equal(expected, text.Contains("revisor", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(!expected, text.Contains("Send en utskrift av regnskapet", StringComparison.Ordinal));
        if (expected)
        {
            Assert.Contains(comparison == ThresholdComparison.Above ? "Samlet tilskudd er over kr 200 000." : "Samlet tilskudd er kr 200 000 eller mer.", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_refusal_has_its_own_title_and_reasons_and_no_payment_or_report_conditions()
    {
        var decision = Decision(
        [
            Line("c1", DecisionPart.Competence, "Fagskoleutdanning (2 personer)", 50_000, 0, "Ikke prioritert: poeng 0 i vurderingen."),
            Line("p1", DecisionPart.Project, "Ernæring på sykehjem", 100_000, 0, "Ordinært utviklingsarbeid i kommunen får ikke tilskudd."),
        ]);

        var text = Render(decision);

        Assert.True(decision.IsRefusal);
        Assert.Contains("Avslag på søknad om kompetanse- og tjenesteutviklingstilskudd 2025", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Vedtak om", text, StringComparison.Ordinal);
        Assert.Contains("Søknaden blir ikke innvilget.", text, StringComparison.Ordinal);
        Assert.Contains("Fagskoleutdanning (2 personer) kr 50 000", text, StringComparison.Ordinal);
        Assert.Contains("Begrunnelse: Ikke prioritert: poeng 0 i vurderingen.", text, StringComparison.Ordinal);
        Assert.Contains("Begrunnelse: Ordinært utviklingsarbeid i kommunen får ikke tilskudd.", text, StringComparison.Ordinal);
        Assert.Contains("forvaltningsloven § 28", text, StringComparison.Ordinal);
        foreach (var absent in new[] { "Vilkår for tilskuddet", "Rapportering", "rapportere", "Utbetaling", "8601.11.17947", "revisor", "tilbake", "Samlet tilskudd" })
        {
            Assert.DoesNotContain(absent, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_corrected_letter_says_its_version_and_which_letter_it_replaces()
    {
        var decision = Decision();

        var corrected = Flat(GrantLetterPdf.Render(Input(decision, version: 2, replaces: new DateOnly(2025, 5, 2))));
        var first = Flat(GrantLetterPdf.Render(Input(decision)));

        Assert.Contains("Korrigert vedtak, versjon 2. Dette brevet erstatter brevet datert 2. mai 2025.", corrected, StringComparison.Ordinal);
        Assert.DoesNotContain("Korrigert", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_case_is_printed_as_typed_even_with_control_characters_long_words_and_merge_codes()
    {
        var longWord = new string('Ø', 400);
        var decision = Decision(
        [
            Line("c1", DecisionPart.Competence, "<script>alert('x')</script> {saksnummer}\u0007 tiltak", 100_000, 100_000, "Begrunnet\u0000 med {tilskudd} og " + longWord),
        ], applicant: Roros());

        var bytes = GrantLetterPdf.Render(Input(decision));
        var text = Flat(bytes);

        Assert.Contains("<script>alert('x')</script> {saksnummer} tiltak", text, StringComparison.Ordinal);
        Assert.Contains("Begrunnet med {tilskudd} og", text, StringComparison.Ordinal);
        // The 400-letter word is cut over several lines, but no letter is lost.
        Assert.Contains(longWord, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Røros kommune (org.nr. 939 898 743)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_shows_only_its_own_applicant()
    {
        var trondheim = Decision(caseReference: "KTU-2025-TRO-0001");
        var roros = Decision(applicant: Roros(), caseReference: "KTU-2025-TRO-0002", accountNumber: "12345678903");

        var text = Render(roros);

        Assert.Contains("Røros kommune", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Trondheim", text, StringComparison.Ordinal);
        Assert.DoesNotContain(trondheim.CaseReference, text, StringComparison.Ordinal);
        Assert.DoesNotContain("942 110 464", text, StringComparison.Ordinal);
        Assert.DoesNotContain("8601.11.17947", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_from_another_embete_or_year_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GrantLetterPdf.Render(Input(Decision(applicant: Tromso()))));
        Assert.Throws<ArgumentException>(() => GrantLetterPdf.Render(Input(Decision(schemeYear: 2024))));
        var input = Input(Decision()) with { Template = GrantLetterTemplate.Default(2025, new DateOnly(2026, 3, 2), 100_000) };
        Assert.Throws<ArgumentException>(() => GrantLetterPdf.Render(input));
    }

    [Fact]
    public void The_letter_is_pdf_a_2b_with_the_font_embedded_and_norwegian_letters_readable()
    {
        var bytes = GrantLetterPdf.Render(Input(Decision()));

        var raw = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", raw, StringComparison.Ordinal);
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("pdfaid:part", raw, StringComparison.Ordinal);
        var text = Lines(bytes);
        Assert.Contains("Opplæring", text, StringComparison.Ordinal);
        Assert.Contains("Røros", Flat(GrantLetterPdf.Render(Input(Decision(applicant: Roros())))), StringComparison.Ordinal);
        Assert.Contains("Ødegård", text, StringComparison.Ordinal);
        Assert.Contains("Ærlig", text, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2);
    }

    [Fact]
    public void The_project_part_has_the_name_its_scheme_year_gives_it()
    {
        Assert.Equal("Innovasjonsprosjekter", GrantLetterPdf.PartName(DecisionPart.Project, SchemeSeed.Year2022()));
        Assert.Equal("Tjenesteutviklingstiltak", GrantLetterPdf.PartName(DecisionPart.Project, SchemeSeed.Year2025()));
        var renamed = SchemeSeed.Year2025();
        renamed.ProjectPartName = "Utviklingsprosjekter";
        Assert.Equal("Utviklingsprosjekter", GrantLetterPdf.PartName(DecisionPart.Project, renamed));
    }
}
