namespace Ktu.Web.Domain.Applications;

/// <summary>
/// What the applicant fills in, exactly as typed: every field may be empty in a draft, and
/// nothing here is trusted until the rules in Domain/Rules have looked at it. Stored as one JSON
/// document per application, so the same shape is the API body, the draft and the snapshot.
/// </summary>
public sealed record ApplicationContent
{
    // Part 1: applicant information.
    public string? AccountNumber { get; init; }
    public string? PaymentRemark { get; init; }
    public ContactPerson? Contact { get; init; }
    public bool? CompetencePlanAdopted { get; init; }
    public string? Description { get; init; }

    // Part 2: competence measures, rows per education type of the scheme year.
    public IReadOnlyList<CompetenceMeasure> CompetenceMeasures { get; init; } = [];

    // Part 3: BPA training, by role in the scheme's priority order.
    public IReadOnlyList<BpaTraining> BpaTrainings { get; init; } = [];

    // Part 4: service-development projects.
    public IReadOnlyList<ServiceDevelopmentProject> Projects { get; init; } = [];

    public static ApplicationContent Empty { get; } = new();
}

public sealed record ContactPerson
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

public sealed record CompetenceMeasure
{
    /// <summary>Code of one of the scheme year's education types, e.g. "videreutdanning".</summary>
    public string? EducationType { get; init; }
    public string? Description { get; init; }
    /// <summary>Whole kroner applied for.</summary>
    public long? Amount { get; init; }
    public int? Persons { get; init; }
    /// <summary>Of <see cref="Persons"/>, those continuing an education already funded (prioritised).</summary>
    public int? ContinuingPersons { get; init; }
}

/// <summary>Regelverk: BPA training goes to work leaders, then caseworkers, then assistants, in that order.</summary>
public enum BpaRole
{
    WorkLeader = 1,
    Caseworker = 2,
    Assistant = 3,
}

public sealed record BpaTraining
{
    public BpaRole? Role { get; init; }
    public int? Persons { get; init; }
    /// <summary>Whole kroner per person.</summary>
    public long? AmountPerPerson { get; init; }

    /// <summary>Computed: persons times amount per person; null until both are given.</summary>
    public long? Total => Persons is { } p && AmountPerPerson is { } a ? p * a : null;
}

public sealed record ServiceDevelopmentProject
{
    /// <summary>The applicant's own rank, 1 is most important; unique 1..n within the application.</summary>
    public int? Priority { get; init; }
    public string? Title { get; init; }
    /// <summary>Codes of the scheme year's themes; several are allowed.</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];
    public string? Purpose { get; init; }
    public string? Description { get; init; }
    public ProjectCriteria? Criteria { get; init; }
    public IReadOnlyList<BudgetLine> Budget { get; init; } = [];
    public long? OwnFinancing { get; init; }
    public long? AmountApplied { get; init; }
    /// <summary>Internal and external control measures.</summary>
    public string? ControlMeasures { get; init; }
    public Signatory? SignedBy { get; init; }
}

/// <summary>The applicant's texts on the assessment criteria the county governor uses (Regelverk, pkt. 4).</summary>
public sealed record ProjectCriteria
{
    public string? NeedsAndChallenges { get; init; }
    public string? GoalsAndTargetGroups { get; init; }
    public string? OrganisationAndPartners { get; init; }
    public string? ExpectedGains { get; init; }
    /// <summary>Anchoring with the leader who holds the budget.</summary>
    public string? Anchoring { get; init; }
    /// <summary>User participation and the user / next-of-kin perspective.</summary>
    public string? UserParticipation { get; init; }
}

public sealed record BudgetLine
{
    public string? Item { get; init; }
    public long? Amount { get; init; }
}

/// <summary>The chief municipal executive or a delegate.</summary>
public sealed record Signatory
{
    public string? Name { get; init; }
    public string? Role { get; init; }
}
