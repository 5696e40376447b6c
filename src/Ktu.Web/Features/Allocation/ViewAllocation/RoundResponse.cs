namespace Ktu.Web.Features.Allocation;

/// <summary>The allocation as the API shows it; the DTOs of ViewAllocation and of the changes that answer with it.</summary>
/// <remarks>Per line, who last saved the assessment and who made the adjustment, and when, for the approver (issue 16).</remarks>
public sealed record RoundLineDto(
    string Key, Guid ApplicationId, string Reference, string Applicant, bool District, string LineId, string Part, string Label,
    long AmountApplied, int Score, long AmountAssessed, long AmountProposed, string Outcome, string ProposalReason,
    long? AdjustedAmount, string? AdjustmentReason, long AmountFinal, string FinalReason,
    string? AssessedBy, DateTimeOffset? AssessedAt, string? AdjustedBy, DateTimeOffset? AdjustedAt);

public sealed record EarmarkStateDto(string Theme, string ThemeName, long Amount, long Used, long Left);

public sealed record ScenarioDto(string Name, AllocationSettingsDto Settings, long Total, long Unallocated, int InFull, int Reduced, int NotFunded);

public sealed record NotReadyDto(Guid ApplicationId, string Reference, string Applicant, string Status);

/// <summary>
/// What is left of the pot after the decisions made so far (all approved rounds): the pot with transferred funds and
/// transfers approved later, what was granted, and per earmark what is unused.
/// </summary>
public sealed record PotLeftDto(long Pot, long Granted, long Left, IReadOnlyList<EarmarkStateDto> Earmarks);

public sealed record RoundResponse(
    int Year, string EmbeteId, string Status, int Version, long Pot, long GeneralAmount, long TotalApplied, long TotalProposed, long TotalFinal,
    long Remaining, long GeneralLeft, AllocationSettingsDto Settings, IReadOnlyList<EarmarkStateDto> Earmarks, IReadOnlyList<RoundLineDto> Lines,
    IReadOnlyList<NotReadyDto> NotReady, IReadOnlyList<ScenarioDto> Scenarios, IReadOnlyList<string> Blockers,
    string? SubmittedBy, DateTimeOffset? SubmittedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? SentBackReason,
    int Round, PotLeftDto AfterDecisions, bool CanStartNextRound);
