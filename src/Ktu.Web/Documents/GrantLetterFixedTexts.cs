using System.Text.Json;
using System.Text.Json.Nodes;
using Ktu.Web.Domain;

namespace Ktu.Web.Documents;

/// <summary>The texts set nationally. An embete cannot change them (GrantLetterTemplateRules.CheckEdit in Features/GrantLetters).</summary>
internal sealed record GrantLetterFixedTexts
{
    /// <summary>The decision when something is granted.</summary>
    public required string GrantDecision { get; init; }
    /// <summary>The decision when nothing is granted (avslag).</summary>
    public required string RefusalDecision { get; init; }
    public required string Purpose { get; init; }
    public required string UseOfFunds { get; init; }
    public required string Reporting { get; init; }
    /// <summary>Only in letters whose total reaches the auditor threshold.</summary>
    public required string AuditorRequired { get; init; }
    /// <summary>In letters below the threshold: the accounts are sent without an auditor's statement.</summary>
    public required string AccountsWithoutAuditor { get; init; }
    public required string TransferAndRepayment { get; init; }
    public required string ControlAndSanctions { get; init; }
    public required string Payment { get; init; }
    public required string AccountChange { get; init; }
    public required string NoAppeal { get; init; }

    public static GrantLetterFixedTexts Default(string goalText, ThresholdComparison comparison) => new()
    {
        GrantDecision = "{embete} har behandlet søknaden og gir {mottaker} {tilskudd} i {ordning} for {ordningsår}. "
            + "Nedenfor står hva tilskuddet gjelder, og vilkårene for å bruke det.",
        RefusalDecision = "{embete} har behandlet søknaden om {ordning} for {ordningsår}. "
            + "Søknaden blir ikke innvilget. Nedenfor står begrunnelsen for hver del av søknaden.",
        // The goal is the scheme year's own (SchemeYear.GoalText); this is the text since 2023.
        Purpose = goalText,
        UseOfFunds = "Tilskuddet skal bare brukes til tiltakene og beløpene som står i dette brevet. "
            + "Tilskuddet kan ikke brukes til kommunens ordinære utviklingsarbeid. "
            + "Vil dere bruke midlene til noe annet innenfor formålet (omdisponering), må dere søke om det og få godkjenning fra {embete} før pengene brukes.",
        // Regelverk pkt. 5 and 6: report for the calendar year, as of 31 December, by the deadline in the letter.
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
        // 2022 and one office in 2023: "over kr 200 000"; the 2025 call: "fra kr 200 000 og mer".
        AuditorRequired = (comparison == ThresholdComparison.Above
                ? "Samlet tilskudd er over {revisorgrense}. "
                : "Samlet tilskudd er {revisorgrense} eller mer. ")
            + "Regnskapet skal derfor kontrolleres av revisor: registrert eller statsautorisert revisor, eller kommunens "
            + "revisor. Kontrollen gjøres etter ISA 805, og revisors uttalelse sendes sammen med rapporten innen {rapportfrist}. "
            + "Hvis dere har brukt mindre enn grensen i løpet av året, kan én uttalelse gjelde for to år.",
        AccountsWithoutAuditor = "Send en utskrift av regnskapet for tiltakene sammen med rapporten.",
        // Seed 002: as a rule unused funds may be transferred one year, after application.
        TransferAndRepayment = "Midler som ikke er brukt innen 31. desember {ordningsår}, kan som hovedregel overføres til neste år "
            + "hvis dere søker om det og får godkjenning. Midler som ikke blir brukt og ikke blir overført, skal betales tilbake. "
            + "For mye utbetalt tilskudd skal betales tilbake til {embete}. Oppgi kapittel og post, tilskuddsordningen og tilskuddsåret {ordningsår} når dere betaler.",
        // Regelverk pkt. 10 and 11.
        ControlAndSanctions = "Helsedirektoratet kan kontrollere at tilskuddet brukes etter regelverket og dette brevet, og at "
            + "opplysningene dere har gitt er riktige, jf. bevilgningsreglementet § 10 annet ledd. Dere skal legge fram opplysninger "
            + "når dere blir bedt om det.\n"
            + "Hvis vilkårene i regelverket eller dette brevet ikke blir oppfylt, faller tilskuddet bort. Gir dere uriktige opplysninger, "
            + "eller brukes tilskuddet i strid med vilkårene, kan tilskuddet bli stanset eller krevd betalt tilbake helt eller delvis. "
            + "Helsedirektoratet kan også nekte dere tilskudd i ett eller flere av de neste årene. I særlige tilfeller vurderes politianmeldelse.",
        Payment = "Tilskuddet blir betalt til kontonummeret dere oppga i søknaden.",
        // Regelverk pkt. 9.
        AccountChange = "Dere må gi beskjed til {embete} med en gang hvis adresse, kontonummer eller organisasjonsnummer blir endret.",
        // Regelverk pkt. 8.
        NoAppeal = "Det er ikke klagerett på tildeling eller avslag på tilskudd fra denne ordningen, jf. forvaltningsloven § 28.",
    };

    /// <summary>
    /// The year's national texts: the standard ones with the year's goal, and any text the directorate set for the year
    /// (<see cref="SchemeYear.FixedLetterTextsJson"/>, field name to text) in place of the standard one.
    /// </summary>
    public static GrantLetterFixedTexts For(SchemeYear scheme) =>
        string.IsNullOrWhiteSpace(scheme.FixedLetterTextsJson) ? Standard(scheme) : WithTexts(Standard(scheme), ReadTexts(scheme.FixedLetterTextsJson));

    /// <summary>The standard texts with the year's goal and auditor wording, before any text the directorate set.</summary>
    public static GrantLetterFixedTexts Standard(SchemeYear scheme) =>
        Default(string.IsNullOrWhiteSpace(scheme.GoalText) ? SchemeStandardTexts.GoalSince2023 : scheme.GoalText, scheme.AuditorComparison);

    /// <summary>The texts by field name, in the order of <see cref="FieldNames"/>.</summary>
    public static IReadOnlyDictionary<string, string> TextsOf(GrantLetterFixedTexts texts) =>
        ReadTexts(JsonSerializer.Serialize(texts, Options));

    // Before FieldNames: static initialisers run in the order they are written.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The field names a year may set a text for, as in the JSON of a template's fixed texts.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        [.. JsonSerializer.SerializeToNode(Default("", ThresholdComparison.AtLeast), Options)!.AsObject().Select(p => p.Key)];

    public static IReadOnlyDictionary<string, string> ReadTexts(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];

    /// <summary><paramref name="texts"/> in place of the standard texts; a name that is not a field is ignored (the edit checks names).</summary>
    public static GrantLetterFixedTexts WithTexts(GrantLetterFixedTexts standard, IReadOnlyDictionary<string, string> texts)
    {
        var node = JsonSerializer.SerializeToNode(standard, Options)!.AsObject();
        foreach (var (field, text) in texts)
        {
            if (node.ContainsKey(field))
            {
                node[field] = text;
            }
        }
        return node.Deserialize<GrantLetterFixedTexts>(Options)!;
    }
}
