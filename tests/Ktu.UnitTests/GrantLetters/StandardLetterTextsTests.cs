using Ktu.Web.Documents;
using Ktu.Web.Domain;
using UglyToad.PdfPig;
using static Ktu.UnitTests.GrantLetters.LetterExamples;

namespace Ktu.UnitTests.GrantLetters;

/// <summary>
/// The standard letter texts word for word. They are stored in scheme years and in every letter's template and compared
/// there, so moving them (to resource files, to nynorsk beside them) must not change a single character.
/// </summary>
public sealed class StandardLetterTextsTests
{
    private const string Goal = "Målet er å prøve at målet står som det ble gitt.";

    private const string AuditorAfterFirstSentence =
        "Regnskapet skal derfor kontrolleres av revisor: registrert eller statsautorisert revisor, eller kommunens "
        + "revisor. Kontrollen gjøres etter ISA 805, og revisors uttalelse sendes sammen med rapporten innen {rapportfrist}. "
        + "Hvis dere har brukt mindre enn grensen i løpet av året, kan én uttalelse gjelde for to år.";

    private static GrantLetterFixedTexts Expected(string auditorRequired) => new()
    {
        GrantDecision = "{embete} har behandlet søknaden og gir {mottaker} {tilskudd} i {ordning} for {ordningsår}. "
            + "Nedenfor står hva tilskuddet gjelder, og vilkårene for å bruke det.",
        RefusalDecision = "{embete} har behandlet søknaden om {ordning} for {ordningsår}. "
            + "Søknaden blir ikke innvilget. Nedenfor står begrunnelsen for hver del av søknaden.",
        Purpose = Goal,
        UseOfFunds = "Tilskuddet skal bare brukes til tiltakene og beløpene som står i dette brevet. "
            + "Tilskuddet kan ikke brukes til kommunens ordinære utviklingsarbeid. "
            + "Vil dere bruke midlene til noe annet innenfor formålet (omdisponering), må dere søke om det og få godkjenning fra {embete} før pengene brukes.",
        Reporting = "Dere skal rapportere til {embete} innen {rapportfrist}. Rapporten gjelder kalenderåret {ordningsår}, "
            + "slik status var per 31. desember.\n"
            + "Rapporten skal inneholde:\n"
            + "• antall personer per utdanningstype som har fullført, er i gang med eller har avbrutt utdanningen\n"
            + "• antall personer som har fått opplæring i brukerstyrt personlig assistanse (BPA), fordelt på arbeidsledere, saksbehandlere og assistenter\n"
            + "• for tjenesteutviklingstiltak: brukernes erfaringer og nytte, om behovet for kompenserende tjenester er redusert, "
            + "kvalitative og økonomiske gevinster, overføringsverdi til andre kommuner og bruk av innovasjonsmetodikk\n"
            + "• regnskap som kan sammenlignes med budsjettet, linje for linje\n"
            + "• deres vurdering av hvordan tiltakene har bidratt til målet med tilskuddet\n"
            + "Dere må ha rapportert før dere kan få nytt tilskudd.",
        AuditorRequired = auditorRequired,
        AccountsWithoutAuditor = "Send en utskrift av regnskapet for tiltakene sammen med rapporten.",
        TransferAndRepayment = "Midler som ikke er brukt innen 31. desember {ordningsår}, kan som hovedregel overføres til neste år "
            + "hvis dere søker om det og får godkjenning. Midler som ikke blir brukt og ikke blir overført, skal betales tilbake. "
            + "For mye utbetalt tilskudd skal betales tilbake til {embete}. Oppgi kapittel og post, tilskuddsordningen og tilskuddsåret {ordningsår} når dere betaler.",
        ControlAndSanctions = "Helsedirektoratet kan kontrollere at tilskuddet brukes etter regelverket og dette brevet, og at "
            + "opplysningene dere har gitt er riktige, jf. bevilgningsreglementet § 10 annet ledd. Dere skal legge fram opplysninger "
            + "når dere blir bedt om det.\n"
            + "Hvis vilkårene i regelverket eller dette brevet ikke blir oppfylt, faller tilskuddet bort. Gir dere uriktige opplysninger, "
            + "eller brukes tilskuddet i strid med vilkårene, kan tilskuddet bli stanset eller krevd betalt tilbake helt eller delvis. "
            + "Helsedirektoratet kan også nekte dere tilskudd i ett eller flere av de neste årene. I særlige tilfeller vurderes politianmeldelse.",
        Payment = "Tilskuddet blir betalt til kontonummeret dere oppga i søknaden.",
        AccountChange = "Dere må gi beskjed til {embete} med en gang hvis adresse, kontonummer eller organisasjonsnummer blir endret.",
        NoAppeal = "Det er ikke klagerett på tildeling eller avslag på tilskudd fra denne ordningen, jf. forvaltningsloven § 28.",
    };

    [Fact]
    public void The_national_texts_are_word_for_word_the_same_when_the_total_must_reach_the_threshold()
    {
        var expected = Expected("Samlet tilskudd er {revisorgrense} eller mer. " + AuditorAfterFirstSentence);

        var texts = GrantLetterFixedTexts.Default(Goal, ThresholdComparison.AtLeast);

        Assert.Equal(GrantLetterFixedTexts.TextsOf(expected), GrantLetterFixedTexts.TextsOf(texts));
        Assert.Equal(expected, texts);
    }

    [Fact]
    public void The_national_texts_are_word_for_word_the_same_when_the_total_must_be_above_the_threshold()
    {
        var expected = Expected("Samlet tilskudd er over {revisorgrense}. " + AuditorAfterFirstSentence);

        var texts = GrantLetterFixedTexts.Default(Goal, ThresholdComparison.Above);

        Assert.Equal(GrantLetterFixedTexts.TextsOf(expected), GrantLetterFixedTexts.TextsOf(texts));
        Assert.Equal(expected, texts);
    }

    [Fact]
    public void The_embete_s_starting_texts_are_word_for_word_the_same()
    {
        var expected = new GrantLetterEmbeteTexts
        {
            Greeting = "Vi viser til søknaden deres om {ordning} for {ordningsår}.",
            Contact = "Har dere spørsmål om brevet, kan dere kontakte {embete}. Oppgi saksnummer {saksnummer}.",
            Closing = "Med hilsen\n{embete}",
        };

        Assert.Equal(expected, GrantLetterEmbeteTexts.Default());
    }

    [Fact]
    public void The_standard_template_is_stored_with_the_same_bytes_as_before()
    {
        var atLeast = GrantLetterTemplate.Default(2025, new DateOnly(2026, 3, 2), 200_000);
        var above = GrantLetterTemplate.Default(2022, new DateOnly(2023, 3, 1), 200_000, ThresholdComparison.Above);

        Assert.Equal("Kompetanse- og tjenesteutviklingstilskudd", atLeast.SchemeName);
        // SHA-256 of the stored JSON as the templates were before the texts moved to resource files.
        Assert.Equal("3eb08f1a309f2701ceceafefca4580e1b589bdf38d1aa21a7e3af73f4245572d", GrantLetterTemplateJson.Sha256(atLeast));
        Assert.Equal("fb0dee6c7c378268653731f62a2cfb4e216ec928d6d3097aedf3eba3672b918a", GrantLetterTemplateJson.Sha256(above));
    }

    [Fact]
    public void Every_pdf_names_ktu_as_the_application_that_made_it()
    {
        using var pdf = PdfDocument.Open(GrantLetterPdf.Render(Input(Decision())));

        Assert.Equal("KTU – Kompetanse- og tjenesteutviklingstilskudd", pdf.Information.Creator);
    }
}
