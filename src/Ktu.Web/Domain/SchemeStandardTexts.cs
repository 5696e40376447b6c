namespace Ktu.Web.Domain;

/// <summary>
/// What the public rules said in the years KTU was seeded from (shared/seeds): the goal of the grant and the name of the
/// project part. They are a year's starting values; the directorate may change them for a year in preparation.
/// </summary>
public static class SchemeStandardTexts
{
    /// <summary>Regelverk 2022 pkt. 1 (kompetanse- og innovasjonstilskudd).</summary>
    public const string Goal2022 = "Målet med tilskuddet er å styrke kommunenes evne og mulighet til å utvikle bærekraftige og gode helse- og "
        + "omsorgstjenester, og å gi en tydelig prioritet til noen av de viktigste framtidsutfordringene kommunene "
        + "står overfor på helse- og omsorgsfeltet.";

    /// <summary>From 2023 the goal of the Opptrappingsplan for heltid og god bemanning (seeds 001 and 004).</summary>
    public const string GoalSince2023 = "Målet med tilskuddet er å bidra til å redusere mangelen på personell med relevant fagutdanning i "
        + "omsorgstjenesten, og legge til rette for en bærekraftig omsorgstjeneste.";

    public const string ProjectPart2022 = "Innovasjonsprosjekter";
    public const string ProjectPartSince2023 = "Tjenesteutviklingstiltak";
}
