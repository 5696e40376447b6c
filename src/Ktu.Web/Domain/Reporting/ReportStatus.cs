namespace Ktu.Web.Domain.Reporting;

/// <summary>Where a grant's report is: being written, sent to the embete, sent back for correction, or approved.</summary>
public enum ReportStatus
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
}
