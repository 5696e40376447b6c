using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Reporting;

namespace Ktu.Web.Features.Reporting;

/// <summary>What a client sends to save the report: the version it read and the report as typed.</summary>
public sealed record ReportInput(int? Version, ReportContent? Report);

/// <summary>The report of one grant over JSON: the report itself with the sums, the window, what must be attached and the issues.</summary>
/// <param name="Version">0 before the first save; send it back with the next save.</param>
/// <param name="Evidence">What the accounts need attached: an auditor's statement or a print of the accounts.</param>
public sealed record ReportDocument(
    Guid GrantId,
    Guid ApplicationId,
    string CaseReference,
    int SchemeYear,
    string Applicant,
    long AmountGranted,
    ReportStatus Status,
    int Version,
    DateOnly Opens,
    DateOnly Deadline,
    bool CanWrite,
    ReportContent Report,
    long Spent,
    long Unused,
    AccountsEvidence Evidence,
    bool MayPostponeStatement,
    bool EvidenceInPlace,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyList<ValidationIssue> Issues,
    int SubmissionCount,
    DateTimeOffset? SubmittedAt,
    string? ReturnedReason,
    string? RecommendedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    TransferDto? Transfer)
{
    internal static ReportDocument From(ReportView v) => new(
        v.Grant.Id,
        v.Grant.ApplicationId,
        v.Grant.CaseReference,
        v.Grant.SchemeYear,
        v.Grant.ApplicantName,
        v.Grant.AmountGranted,
        v.Status,
        v.Version,
        v.Window.Opens,
        v.Window.Deadline,
        v.IsEditable && v.WindowAllowsWriting,
        v.Content,
        v.Content.TotalSpent,
        v.Content.Unused,
        v.Requirement.Evidence,
        v.Requirement.MayCoverTwoYears,
        v.EvidenceInPlace,
        v.Attachments,
        v.Issues,
        v.Report?.SubmissionCount ?? 0,
        v.Report?.SubmittedAt,
        v.Report?.Status == ReportStatus.Returned ? v.Report.ReturnedReason : null,
        v.Report?.RecommendedByName,
        v.Report?.ApprovedAt,
        v.Report?.ApprovedByName,
        v.Transfer is { } t ? TransferDto.Of(t) : null);
}

/// <summary>The receipt for one sent report: reference, time and the SHA-256 of the stored copy.</summary>
public sealed record ReportReceipt(Guid GrantId, string Reference, int Number, DateTimeOffset SubmittedAt, string SubmittedBy, string Sha256, string PdfUrl)
{
    internal static ReportReceipt Of(GrantReportSubmission s) => new(
        s.GrantDecisionId, s.Reference, s.Number, s.SubmittedAt, s.SubmittedByName ?? s.SubmittedByEmail ?? "", s.Sha256,
        $"/api/v1/grants/{s.GrantDecisionId}/report/submissions/{s.Number}/pdf");
}
