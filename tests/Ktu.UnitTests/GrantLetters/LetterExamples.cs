using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Schemes;

namespace Ktu.UnitTests.GrantLetters;

/// <summary>Real organisations from the reference data (kommuner-2024.csv, statsforvaltere.csv) and decisions about them.</summary>
internal static class LetterExamples
{
    public static readonly Embete Trondelag = new()
    {
        Id = "trondelag",
        Name = "Statsforvalteren i Trøndelag",
        NameBokmal = "Statsforvalteren i Trøndelag",
        OrgNumber = "974764350",
    };

    public static Organisation Trondheim() => new()
    {
        OrgNumber = "942110464",
        Name = "Trondheim",
        Kind = OrganisationKind.Municipality,
        MunicipalityNumber = "5001",
        CountyNumber = "50",
        EmbeteId = "trondelag",
    };

    public static Organisation Roros() => new()
    {
        OrgNumber = "939898743",
        Name = "Røros",
        Kind = OrganisationKind.Municipality,
        MunicipalityNumber = "5025",
        CountyNumber = "50",
        EmbeteId = "trondelag",
    };

    public static Organisation Tromso() => new()
    {
        OrgNumber = "940101808",
        Name = "Tromsø",
        Kind = OrganisationKind.Municipality,
        MunicipalityNumber = "5501",
        CountyNumber = "55",
        EmbeteId = "troms-og-finnmark",
    };

    public static readonly Actor Officer = new("officer-1", "Saksbehandler Åse Ødegård", null);
    public static readonly Actor Approver = new("approver-1", "Godkjenner Bjørn Ærlig", null);

    public static SchemeYear Year2025(ThresholdComparison comparison = ThresholdComparison.AtLeast)
    {
        var year = SchemeSeed.Year2025();
        year.AuditorComparison = comparison;
        return year;
    }

    public static DecisionLine Line(string id, DecisionPart part, string label, long applied, long granted, string reason = "Innvilget i sin helhet.") =>
        new(id, part, label, applied, granted, reason);

    /// <summary>Seed 004: "kr 90 000 til 3 ansatte som tar videreutdanning i palliasjon", plus BPA and one project.</summary>
    public static IReadOnlyList<DecisionLine> ThreeParts() =>
    [
        Line("c1", DecisionPart.Competence, "Videreutdanning i palliativ omsorg (3 personer)", 90_000, 90_000),
        Line("c2", DecisionPart.Competence, "Videreutdanning i psykisk helsearbeid (3 personer)", 60_000, 40_000,
            "Redusert fordi rammen ikke dekker alle søknader med samme prioritet (fikk 67 % av søkt beløp)."),
        Line("b1", DecisionPart.Bpa, "Arbeidsledere (brukere)", 20_000, 20_000),
        Line("p1", DecisionPart.Project, "Velferdsteknologi i hjemmetjenesten", 150_000, 0,
            "Ikke innvilget fordi rammen ikke strekker til for alle søknader med samme prioritet."),
    ];

    public static GrantDecision Decision(
        IReadOnlyList<DecisionLine>? lines = null,
        Organisation? applicant = null,
        string caseReference = "KTU-2025-TRO-0001",
        string? accountNumber = "86011117947",
        string? paymentRemark = "Prosjekt 4711",
        string? extraConditions = null,
        int schemeYear = 2025) =>
        GrantDecision.Make(
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            applicant ?? Trondheim(),
            schemeYear,
            caseReference,
            accountNumber,
            paymentRemark,
            lines ?? ThreeParts(),
            extraConditions,
            Officer,
            Approver,
            new DateTimeOffset(2025, 5, 20, 10, 0, 0, TimeSpan.Zero));

    /// <summary>One line granted in full, for threshold tests.</summary>
    public static GrantDecision Granted(long amount, Organisation? applicant = null, string caseReference = "KTU-2025-TRO-0001", string? accountNumber = "86011117947") =>
        Decision([Line("c1", DecisionPart.Competence, "Videreutdanning", amount, amount)], applicant, caseReference, accountNumber);

    public static GrantLetterInput Input(GrantDecision decision, SchemeYear? scheme = null, int version = 1, DateOnly? replaces = null)
    {
        var year = scheme ?? Year2025();
        return new GrantLetterInput
        {
            Decision = decision,
            Scheme = year,
            Embete = Trondelag,
            Template = GrantLetterTemplate.Default(year),
            LetterDate = new DateOnly(2025, 5, 22),
            Version = version,
            ReplacesLetterDated = replaces,
        };
    }
}
