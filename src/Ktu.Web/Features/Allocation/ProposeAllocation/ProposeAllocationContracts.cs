using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Features.Allocation;

/// <summary>A what-if scenario. Every field is nullable so a missing one is reported by name, in Norwegian.</summary>
public sealed record AllocationProposalRequest
{
    /// <summary>The embete's pot in whole kroner, earmarks included.</summary>
    public long? Pot { get; init; }
    /// <summary>Earmarked parts of the pot; none when left out.</summary>
    public List<EarmarkRequest?>? Earmarks { get; init; }
    public List<AllocationLineRequest?>? Lines { get; init; }
    /// <summary>Changes to the default settings for this scenario; left-out settings keep their default.</summary>
    public AllocationSettingsRequest? Settings { get; init; }
}

public sealed record EarmarkRequest
{
    public string? Theme { get; init; }
    public long? Amount { get; init; }
}

public sealed record AllocationLineRequest
{
    public string? Id { get; init; }
    public string? Applicant { get; init; }
    /// <summary>competence, bpa or project.</summary>
    public string? Kind { get; init; }
    /// <summary>Education type code; required for competence.</summary>
    public string? EducationType { get; init; }
    /// <summary>workLeader, caseworker or assistant; required for bpa.</summary>
    public string? BpaRole { get; init; }
    public string? Theme { get; init; }
    public bool? Continuation { get; init; }
    public bool? District { get; init; }
    public long? AmountApplied { get; init; }
    /// <summary>0–5 from the assessment; 0 = not to be funded.</summary>
    public int? Score { get; init; }
}

public sealed record ProposedLineDto(string Id, long AmountApplied, long AmountProposed, long FromEarmark, string Outcome, string Reason);
public sealed record EarmarkUseDto(string Theme, long Amount, long Used, long Left);

public sealed record AllocationProposalResponse(
    IReadOnlyList<ProposedLineDto> Lines,
    long TotalProposed,
    long Unallocated,
    IReadOnlyList<EarmarkUseDto> Earmarks,
    AllocationSettingsDto Settings);

/// <summary>The input computed on, once the request has the shape the computation needs.</summary>
internal sealed record AllocationInput(long Pot, IReadOnlyList<EarmarkedAmount> Earmarks, IReadOnlyList<AllocationLine> Lines, AllocationSettings Settings);
