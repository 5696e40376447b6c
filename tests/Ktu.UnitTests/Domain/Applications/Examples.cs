using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Features.Schemes;

namespace Ktu.UnitTests.Domain.Applications;

/// <summary>A complete, valid application and the 2025 rules, so each test changes one thing.</summary>
internal static class Examples
{
    public static readonly SchemeYear Year2025 = SchemeSeed.Year2025();

    public static readonly DateTimeOffset Deadline2025 = Year2025.ApplicationDeadline;

    public static ApplicationRuleContext Municipality(DateTimeOffset? now = null) =>
        new(Year2025, OrganisationKind.Municipality, Deadline2025, now ?? Deadline2025.AddDays(-30));

    public static ApplicationRuleContext CountyMunicipality() =>
        new(Year2025, OrganisationKind.CountyMunicipality, Deadline2025, Deadline2025.AddDays(-30));

    public static ServiceDevelopmentProject Project(int priority) => new()
    {
        Priority = priority,
        Title = $"Tiltak {priority}",
        Themes = ["forebygging"],
        Purpose = "Formål",
        Description = "Beskrivelse",
        Criteria = new()
        {
            NeedsAndChallenges = "Behov",
            GoalsAndTargetGroups = "Mål",
            OrganisationAndPartners = "Organisering",
            ExpectedGains = "Gevinster",
            Anchoring = "Forankring",
            UserParticipation = "Brukermedvirkning",
        },
        Budget = [new() { Item = "Lønn", Amount = 100_000 }],
        OwnFinancing = 20_000,
        AmountApplied = 80_000,
        ControlMeasures = "Kontroll",
        SignedBy = new() { Name = "Kommunedirektøren", Role = "Kommunedirektør" },
    };

    /// <summary>"NOK 90 000 for 3 employees taking further education in palliative care" (seed 004), with BPA and one project.</summary>
    public static ApplicationContent Complete() => new()
    {
        AccountNumber = "12345678903",
        Contact = new() { Name = "Kari Kontakt", Email = "kari@example.org", Phone = "40000000" },
        CompetencePlanAdopted = true,
        Description = "Kort beskrivelse",
        CompetenceMeasures =
        [
            new() { EducationType = "videreutdanning", Description = "Videreutdanning i palliativ omsorg", Amount = 90_000, Persons = 3, ContinuingPersons = 1 },
        ],
        BpaTrainings = [new() { Role = BpaRole.WorkLeader, Persons = 4, AmountPerPerson = 5_000 }],
        Projects = [Project(1)],
    };

    public static IReadOnlyList<ValidationIssue> Issues(ApplicationContent content, ApplicationRuleContext? context = null) =>
        ApplicationRules.Check(content, context ?? Municipality());
}
