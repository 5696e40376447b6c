using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// One line to be funded: a competence measure for one education type (continuing or new persons),
/// one BPA role, or one service-development project. A municipality's application gives several lines.
/// </summary>
internal sealed record AllocationLine
{
    public required string Id { get; init; }
    public required string Applicant { get; init; }
    public required LineKind Kind { get; init; }
    /// <summary>Required for competence lines: continuations are ranked within one education type.</summary>
    public string? EducationType { get; init; }
    /// <summary>Required for BPA lines.</summary>
    public BpaRole? BpaRole { get; init; }
    /// <summary>Theme code; a line whose theme has an earmark draws on that earmark first.</summary>
    public string? Theme { get; init; }
    /// <summary>Persons already in an education path funded by the scheme. Only competence lines use it.</summary>
    public bool Continuation { get; init; }
    /// <summary>The applicant is a district municipality (see Domain.Rules.DistrictMunicipality).</summary>
    public bool District { get; init; }
    /// <summary>Whole kroner.</summary>
    public required long AmountApplied { get; init; }
    /// <summary>0–5 from the assessment; 0 means not to be funded.</summary>
    public required int Score { get; init; }
}
