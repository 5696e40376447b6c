using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// The applicant's one report on one grant (<see cref="GrantDecision"/>). The content is a JSON document like the
/// application's; <see cref="Version"/> grows with every change and is the concurrency token. What was sent lives in
/// <see cref="GrantReportSubmission"/> rows, which are never changed: changing a submitted report before the embete has
/// approved it makes a new draft, and sending it again a new submission, the old kept.
/// </summary>
public sealed class GrantReport
{
    public const int MaxReasonLength = 2000;

    private GrantReport()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public ReportStatus Status { get; private set; }
    public int Version { get; private set; }
    /// <summary>The content as JSON text (<see cref="ReportJson"/>).</summary>
    public string Document { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByUserId { get; private set; } = "";
    public string? UpdatedByName { get; private set; }
    /// <summary>How many times the report has been sent; the latest submission has this number.</summary>
    public int SubmissionCount { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? ReturnedReason { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? ReturnedByName { get; private set; }
    /// <summary>The case officer who checked the report and recommends it; the approver must be someone else (four eyes).</summary>
    public string? RecommendedByUserId { get; private set; }
    public string? RecommendedByName { get; private set; }
    public DateTimeOffset? RecommendedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedByUserId { get; private set; }
    public string? ApprovedByName { get; private set; }

    /// <summary>The applicant may change it until the embete has approved it.</summary>
    public bool IsEditable => Status != ReportStatus.Approved;

    public static GrantReport Start(GrantDecision grant, ReportContent content, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        GrantDecisionId = grant.Id,
        ApplicationId = grant.ApplicationId,
        OrganisationId = grant.OrganisationId,
        EmbeteId = grant.EmbeteId,
        SchemeYear = grant.SchemeYear,
        Status = ReportStatus.Draft,
        Version = 1,
        Document = ReportJson.Serialize(content),
        CreatedAt = now,
        CreatedByUserId = by.UserId,
        UpdatedAt = now,
        UpdatedByUserId = by.UserId,
        UpdatedByName = by.Name ?? by.Email,
    };

    public ReportContent ReadContent() => ReportJson.Deserialize(Document);

    /// <summary>Saves the draft as typed. A submitted report that is changed becomes a draft again; what was sent is kept.</summary>
    public void SaveDraft(ReportContent content, Actor by, DateTimeOffset now)
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException("An approved report cannot be changed.");
        }
        Document = ReportJson.Serialize(content);
        if (Status == ReportStatus.Submitted)
        {
            Status = ReportStatus.Draft;
        }
        Touch(by, now);
    }

    /// <summary>Records a submission of the current content; the caller has checked the window and that no errors remain.</summary>
    public GrantReportSubmission Submit(ReportSnapshot snapshot, Actor by, DateTimeOffset now)
    {
        if (Status is ReportStatus.Submitted or ReportStatus.Approved)
        {
            throw new InvalidOperationException("The report is already submitted.");
        }
        SubmissionCount++;
        var submission = GrantReportSubmission.Record(this, snapshot with { Number = SubmissionCount }, by, now);
        Status = ReportStatus.Submitted;
        SubmittedAt = now;
        RecommendedByUserId = null;
        RecommendedByName = null;
        RecommendedAt = null;
        Touch(by, now);
        return submission;
    }

    /// <summary>The embete sends the report back for correction with a reason; the applicant corrects and sends again.</summary>
    public void Return(string reason, Actor by, DateTimeOffset now)
    {
        if (Status != ReportStatus.Submitted)
        {
            throw new InvalidOperationException("Only a submitted report can be sent back.");
        }
        Status = ReportStatus.Returned;
        ReturnedReason = reason.Trim();
        ReturnedAt = now;
        ReturnedByName = by.Name ?? by.Email;
        Touch(by, now);
    }

    /// <summary>A case officer has checked the submitted report and recommends it for approval.</summary>
    public void Recommend(Actor by, DateTimeOffset now)
    {
        if (Status != ReportStatus.Submitted)
        {
            throw new InvalidOperationException("Only a submitted report can be recommended.");
        }
        RecommendedByUserId = by.UserId;
        RecommendedByName = by.Name ?? by.Email;
        RecommendedAt = now;
        Touch(by, now);
    }

    public void Approve(Actor by, DateTimeOffset now)
    {
        if (Status != ReportStatus.Submitted)
        {
            throw new InvalidOperationException("Only a submitted report can be approved.");
        }
        if (RecommendedByUserId is null || RecommendedByUserId == by.UserId)
        {
            throw new InvalidOperationException("Four eyes: a report is approved by another person than the one who recommended it.");
        }
        Status = ReportStatus.Approved;
        ApprovedAt = now;
        ApprovedByUserId = by.UserId;
        ApprovedByName = by.Name ?? by.Email;
        Touch(by, now);
    }

    private void Touch(Actor by, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        UpdatedByUserId = by.UserId;
        UpdatedByName = by.Name ?? by.Email;
    }
}
