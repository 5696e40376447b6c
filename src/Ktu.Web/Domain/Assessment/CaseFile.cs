using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Assessment;

/// <summary>
/// The embete's case on one application: who handles it, how far it has come and the assessment per line.
/// Notes are internal to the embete and never shown to the applicant. <see cref="Version"/> is the
/// optimistic-concurrency token, so two officers saving at once never overwrite each other silently.
/// </summary>
public sealed class CaseFile
{
    public const int MaxReasonLength = 1000;
    public const int MaxNoteLength = 4000;
    public const int MaxExtraConditionsLength = 2000;

    private CaseFile()
    {
    }

    public Guid ApplicationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public CaseStatus Status { get; private set; }
    public string? AssignedOfficerId { get; private set; }
    public string? AssignedOfficerName { get; private set; }
    /// <summary>The assessments as JSON text; read with <see cref="ReadAssessments"/>.</summary>
    public string AssessmentsJson { get; private set; } = "[]";
    public string? InternalNote { get; private set; }
    /// <summary>Conditions for this applicant beyond the scheme year's standard ones, printed in the grant letter; null when none.</summary>
    public string? ExtraConditions { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? UpdatedByName { get; private set; }

    public static CaseFile Open(Application application, DateTimeOffset now) => new()
    {
        ApplicationId = application.Id,
        EmbeteId = application.EmbeteId,
        SchemeYear = application.SchemeYear,
        Status = CaseStatus.Received,
        Version = 1,
        UpdatedAt = now,
    };

    public IReadOnlyList<LineAssessment> ReadAssessments() => DomainJson.Deserialize<List<LineAssessment>>(AssessmentsJson) ?? [];

    public bool IsAssignedTo(string userId) => AssignedOfficerId == userId;

    public void AssignTo(Actor? officer, DateTimeOffset now)
    {
        AssignedOfficerId = officer?.UserId;
        AssignedOfficerName = officer is null ? null : officer.Name ?? officer.Email;
        if (Status == CaseStatus.Received && officer is not null)
        {
            Status = CaseStatus.UnderAssessment;
        }
        Touch(officer?.Name, now);
    }

    /// <summary>Stores the assessment; <paramref name="completed"/> marks the case ready for the allocation.</summary>
    public void Assess(IReadOnlyList<LineAssessment> lines, string? note, string? extraConditions, bool completed, Actor by, DateTimeOffset now)
    {
        AssessmentsJson = DomainJson.Serialize(lines);
        InternalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ExtraConditions = string.IsNullOrWhiteSpace(extraConditions) ? null : extraConditions.Trim();
        if (Status != CaseStatus.AwaitingApplicant)
        {
            Status = completed ? CaseStatus.Assessed : CaseStatus.UnderAssessment;
        }
        Touch(by.Name ?? by.Email, now);
    }

    public void AwaitApplicant(Actor by, DateTimeOffset now)
    {
        Status = CaseStatus.AwaitingApplicant;
        Touch(by.Name ?? by.Email, now);
    }

    /// <summary>The applicant has answered every open question: the officer takes it up again.</summary>
    public void ApplicantAnswered(DateTimeOffset now)
    {
        if (Status == CaseStatus.AwaitingApplicant)
        {
            Status = CaseStatus.UnderAssessment;
            Touch(null, now);
        }
    }

    /// <summary>The application was withdrawn or resubmitted: the assessment must be confirmed again.</summary>
    public void Reopen(DateTimeOffset now)
    {
        if (Status == CaseStatus.Assessed)
        {
            Status = CaseStatus.UnderAssessment;
            Touch(null, now);
        }
    }

    private void Touch(string? by, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        if (by is not null)
        {
            UpdatedByName = by;
        }
    }
}
