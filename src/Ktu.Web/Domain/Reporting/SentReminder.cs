namespace Ktu.Web.Domain.Reporting;

/// <summary>What a report reminder was about: before the deadline, after it, or an owed auditor's statement or accounts print.</summary>
public enum ReminderKind
{
    BeforeDeadline = 1,
    AfterDeadline = 2,
    EvidenceOwed = 3,
}

/// <summary>
/// That a reminder of one kind was queued for one grant. The key (grant, kind) is unique, so a reminder is never queued twice,
/// whichever instance runs the job and however often.
/// </summary>
public sealed class SentReminder
{
    public Guid GrantDecisionId { get; init; }
    public ReminderKind Kind { get; init; }
    public string EmbeteId { get; init; } = "";
    public string To { get; init; } = "";
    public DateTimeOffset QueuedAt { get; init; }
}
