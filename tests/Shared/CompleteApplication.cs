using System.Text.Json.Nodes;

namespace Ktu.TestSupport;

/// <summary>
/// The complete, valid application the integration, browser and crash tests submit: the seed's example
/// "NOK 90 000 for 3 employees taking further education in palliative care", BPA training for 4 work leaders
/// (kr 20 000) and one service-development project (kr 150 000). One copy, linked into each test project.
/// </summary>
internal static class CompleteApplication
{
    /// <summary>A MOD11-valid account number (11 digits).</summary>
    public const string ValidAccount = "12345678903";

    /// <summary>Fills the draft <paramref name="document"/> as the applicant would, and returns it.</summary>
    /// <param name="continuingPersons">How many of the 3 persons continue from last year; 0 gives one line for new persons only.</param>
    public static JsonObject Fill(JsonObject document, int continuingPersons = 1)
    {
        document["accountNumber"] = ValidAccount;
        document["paymentRemark"] = "KTU 2027";
        document["contact"] = new JsonObject { ["name"] = "Kari Kontakt", ["email"] = "kari.kontakt@example.org", ["phone"] = "400 00 000" };
        document["competencePlanAdopted"] = true;
        document["description"] = "Videreutdanning for ansatte i hjemmetjenesten og opplæring av BPA-arbeidsledere.";
        document["competenceMeasures"] = new JsonArray(new JsonObject
        {
            ["educationType"] = "videreutdanning",
            ["description"] = "Videreutdanning i palliativ omsorg",
            ["amount"] = 90_000,
            ["persons"] = 3,
            ["continuingPersons"] = continuingPersons,
        });
        document["bpaTrainings"] = new JsonArray(new JsonObject { ["role"] = "workLeader", ["persons"] = 4, ["amountPerPerson"] = 5_000 });
        document["projects"] = new JsonArray(Project(1));
        return document;
    }

    /// <summary>A complete project of kr 150 000 with every criterion answered.</summary>
    public static JsonObject Project(int priority) => new()
    {
        ["priority"] = priority,
        ["title"] = $"Tiltak {priority}: Velferdsteknologi i hjemmetjenesten",
        ["themes"] = new JsonArray("forebygging", "parorende"),
        ["purpose"] = "Flere skal kunne bo hjemme lenger.",
        ["description"] = "Vi prøver ut digitalt tilsyn i to soner.",
        ["criteria"] = new JsonObject
        {
            ["needsAndChallenges"] = "Mangel på personell om natten.",
            ["goalsAndTargetGroups"] = "Hjemmeboende med demens og deres pårørende.",
            ["organisationAndPartners"] = "Hjemmetjenesten med NTNU og frivilligsentralen.",
            ["expectedGains"] = "Færre unødige besøk, tryggere brukere.",
            ["anchoring"] = "Vedtatt i kommunedirektørens ledergruppe.",
            ["userParticipation"] = "Brukerrådet og pårørende deltar i utprøvingen.",
        },
        ["budget"] = new JsonArray(
            new JsonObject { ["item"] = "Prosjektleder 20 %", ["amount"] = 150_000 },
            new JsonObject { ["item"] = "Utstyr", ["amount"] = 50_000 }),
        ["ownFinancing"] = 50_000,
        ["amountApplied"] = 150_000,
        ["controlMeasures"] = "Månedlig rapport til enhetsleder; revisor kontrollerer regnskapet.",
        ["signedBy"] = new JsonObject { ["name"] = "Kommunedirektøren", ["role"] = "Kommunedirektør" },
    };
}
