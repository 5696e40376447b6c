using Ktu.Web.Domain.Reporting;

namespace Ktu.Web.Features.Reporting;

/// <summary>Norwegian names of report states and attachment kinds, as the pages show them.</summary>
public static class ReportNames
{
    public static string Status(ReportStatus status, bool notStarted) => notStarted ? ReportingTexts.State_NotStarted : status switch
    {
        ReportStatus.Submitted => ReportingTexts.State_Submitted,
        ReportStatus.Returned => ReportingTexts.State_Returned,
        ReportStatus.Approved => ReportingTexts.State_Approved,
        _ => ReportingTexts.State_Draft,
    };

    public static string State(string code) => code switch
    {
        "not-started" => ReportingTexts.State_NotStarted,
        "submitted" => ReportingTexts.State_Submitted,
        "returned" => ReportingTexts.State_Returned,
        "approved" => ReportingTexts.State_Approved,
        _ => ReportingTexts.State_Draft,
    };

    public static string Claim(ClaimStatus status) => status switch
    {
        ClaimStatus.Proposed => ReportingTexts.ClaimStatus_Proposed,
        ClaimStatus.Issued => ReportingTexts.ClaimStatus_Issued,
        _ => ReportingTexts.ClaimStatus_Paid,
    };

    public static string Change(ChangeStatus status) => status switch
    {
        ChangeStatus.Requested => ReportingTexts.ChangeStatus_Requested,
        ChangeStatus.Approved => ReportingTexts.ChangeStatus_Approved,
        _ => ReportingTexts.ChangeStatus_Refused,
    };

    public static string Attachment(AttachmentKind kind) =>
        kind == AttachmentKind.AuditorStatement ? ReportingTexts.Attachment_AuditorStatement : ReportingTexts.Attachment_AccountsPrint;
}
