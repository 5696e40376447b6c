using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// The scheme years KTU knows from the public sources (shared/seeds): 2022 (Regelverk for
/// kompetanse- og innovasjonstilskudd) and 2025 (Statsforvalteren i Trøndelag's announcement).
/// Each is inserted once; an existing year is never overwritten, since the directorate or an embete may have edited it.
/// The public figures go in through the same paths as the directorate's and the embeter's own changes
/// (<see cref="DistributePots"/>, <see cref="SetEmbeteDeadlines"/>), so they obey the same rules.
/// </summary>
internal sealed class SchemeSeed : IDataSeed
{
    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.SchemeYears.Select(s => s.Year).ToListAsync(ct);
        if (!existing.Contains(2022))
        {
            var y2022 = Year2022();
            // Seed 002: Innlandet's own deadline in 2022 was 1 April.
            SetEmbeteDeadlines.Apply(y2022, "innlandet", new SetEmbeteDeadlines.Input(new DateOnly(2022, 4, 1), null));
            db.SchemeYears.Add(y2022);
        }
        if (!existing.Contains(2025))
        {
            db.SchemeYears.Add(Year2025());
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The 2025 figures that are public: NOK 369.9 M nationally (seed 004) and Trøndelag's
    /// "Kr. 30 667 000 til fordeling – (av disse kr. 415 000 modeller for avlastning)".
    /// </summary>
    internal static readonly PotsInput Pots2025 = new()
    {
        NationalAmount = 369_900_000,
        Pots = [new PotInput("trondelag", 30_667_000, Earmarks: [new EarmarkInput("avlastning", 415_000)])],
    };

    /// <summary>Regelverk 2022 (seed 003) and the Trøndelag and Innlandet presentations (seeds 000, 002).</summary>
    internal static SchemeYear Year2022() => new()
    {
        Year = 2022,
        Name = "Kompetanse- og innovasjonstilskudd",
        // Before 2025 each embete set its own deadline; Trøndelag's was 1 March 2022 (Innlandet: 1 April).
        ApplicationDeadline = NorwayTime.EndOfDay(new DateOnly(2022, 3, 1)),
        // Regelverk pkt. 7: report by 1 March the year after the grant.
        ReportDeadline = new DateOnly(2023, 3, 1),
        MaxProjects = 5,
        AuditorThreshold = 200_000,
        // "Alle tilskudd over kr 200 000 skal revideres av autorisert revisor."
        AuditorComparison = ThresholdComparison.Above,
        Status = SchemeStatus.Published,
        GoalText = SchemeStandardTexts.Goal2022,
        ProjectPartName = SchemeStandardTexts.ProjectPart2022,
        EducationTypes = EducationTypes(includeMentalHealthLine: false),
        Themes = Themes(earmarkRespite: false),
        ApplicantRules =
        [
            new() { Kind = OrganisationKind.Municipality, Parts = ApplicationParts.All },
            new() { Kind = OrganisationKind.CountyMunicipality, Parts = ApplicationParts.Competence },
            new() { Kind = OrganisationKind.University, Parts = ApplicationParts.Competence },
        ],
    };

    /// <summary>The 2025 round (seed 004) with its public pot figures (<see cref="Pots2025"/>).</summary>
    internal static SchemeYear Year2025()
    {
        var year = Rules2025();
        DistributePots.ApplyChecked(year, Pots2025, ["trondelag"]);
        return year;
    }

    /// <summary>The 2025 rules (seed 004): one national deadline 17 March 2025 in Altinn.</summary>
    private static SchemeYear Rules2025() => new()
    {
        Year = 2025,
        Name = "Kompetanse- og tjenesteutviklingstilskudd",
        ApplicationDeadline = NorwayTime.EndOfDay(new DateOnly(2025, 3, 17)),
        // The announcement says "innen 1. mars 2026" in its text and "Rapporteringsfrist: 2. mars 2026"
        // in its fact box (1 March 2026 is a Sunday); the fact box is the deadline given.
        ReportDeadline = new DateOnly(2026, 3, 2),
        MaxProjects = 5,
        AuditorThreshold = 200_000,
        // "For samlet tilskudd fra kr 200 000 og mer er det krav om revisorkontroll."
        AuditorComparison = ThresholdComparison.AtLeast,
        Status = SchemeStatus.Published,
        GoalText = SchemeStandardTexts.GoalSince2023,
        ProjectPartName = SchemeStandardTexts.ProjectPartSince2023,
        EducationTypes = EducationTypes(includeMentalHealthLine: true),
        // 2025: money set aside for respite models ("modeller for avlastning").
        Themes = Themes(earmarkRespite: true),
        ApplicantRules =
        [
            new() { Kind = OrganisationKind.Municipality, Parts = ApplicationParts.All },
            // 2025: a county municipality may only apply for competence measures in mental health and substance abuse.
            new() { Kind = OrganisationKind.CountyMunicipality, Parts = ApplicationParts.Competence, OnlyEducationTypes = ["psykisk-helse-rus"] },
            new() { Kind = OrganisationKind.University, Parts = ApplicationParts.Competence },
            new() { Kind = OrganisationKind.InterMunicipalCompany, Parts = ApplicationParts.All },
        ],
        // Pots: Pots2025, entered through DistributePots by the seed.
    };

    internal static List<SchemeEducationType> EducationTypes(bool includeMentalHealthLine)
    {
        var list = new List<SchemeEducationType>
        {
            new() { Code = "vgs", Name = "Videregående opplæring / fagbrev (helsefagarbeider, aktivitør mv.), også kvalifisering av ansatte uten formell fagutdanning", SortOrder = 1 },
            new() { Code = "fagskole", Name = "Fagskoleutdanning (påbygg videregående opplæring / fagbrev)", SortOrder = 2 },
            new() { Code = "bachelor", Name = "Bachelorutdanning helse- og sosialfag", SortOrder = 3 },
            new() { Code = "videreutdanning", Name = "Videreutdanning og mastergradsutdanning (påbygg bachelornivå)", SortOrder = 4 },
            new() { Code = "abc", Name = "ABC-opplæring", SortOrder = 5 },
            new() { Code = "kortkurs", Name = "Korte kurs og internopplæring (nasjonale satsinger)", SortOrder = 6 },
        };
        if (includeMentalHealthLine)
        {
            list.Add(new() { Code = "psykisk-helse-rus", Name = "Kompetansetiltak innen psykisk helse og rus", SortOrder = 7 });
        }
        list.Add(new() { Code = "annet", Name = "Andre kompetansetiltak", SortOrder = 9 });
        return list;
    }

    internal static List<SchemeTheme> Themes(bool earmarkRespite) =>
    [
        new() { Code = "forebygging", Name = "Forebygging, tidlig innsats og egenmestring", SortOrder = 1 },
        new() { Code = "fritid", Name = "Fritidsaktivitet med assistanse", SortOrder = 2 },
        new() { Code = "kultur", Name = "Aktivitet og kulturopplevelser", SortOrder = 3 },
        new() { Code = "ernaering", Name = "Ernæring", SortOrder = 4 },
        new() { Code = "legemidler", Name = "Legemiddelhåndtering", SortOrder = 5 },
        new() { Code = "rehabilitering", Name = "Rehabilitering og habilitering", SortOrder = 6 },
        new() { Code = "parorende", Name = "Samspill med pårørende og frivillige, særlig i demensomsorgen", SortOrder = 7 },
        new() { Code = "avlastning", Name = "Modeller for fleksible kommunale avlastningstilbud for pårørende", SortOrder = 8, Earmarked = earmarkRespite },
        new() { Code = "annet", Name = "Andre nye løsninger", SortOrder = 9 },
    ];
}
