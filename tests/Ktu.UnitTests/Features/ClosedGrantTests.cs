using Ktu.Web.Domain.Reporting;
using Ktu.Web.Features.Reporting;

namespace Ktu.UnitTests.Features;

public sealed class ClosedGrantTests
{
    [Theory]
    // Approved report, all money used: closed.
    [InlineData(ReportStatus.Approved, 0, null, new ClaimStatus[0], false, true)]
    // Approved, money left, transfer approved: closed; refused and not yet claimed: open; claimed and paid: closed.
    [InlineData(ReportStatus.Approved, 5000, true, new ClaimStatus[0], false, true)]
    [InlineData(ReportStatus.Approved, 5000, false, new ClaimStatus[0], true, false)]
    [InlineData(ReportStatus.Approved, 5000, false, new[] { ClaimStatus.Issued }, true, false)]
    [InlineData(ReportStatus.Approved, 5000, false, new[] { ClaimStatus.Paid }, true, true)]
    // Sent but not approved: open. Never reported: open until a claim for it is paid.
    [InlineData(ReportStatus.Submitted, 0, null, new ClaimStatus[0], false, false)]
    [InlineData(null, 0, null, new ClaimStatus[0], false, false)]
    [InlineData(null, 0, null, new[] { ClaimStatus.Paid }, false, true)]
    public void A_grant_is_closed_when_nothing_is_left_to_do(ReportStatus? report, long unused, bool? transfer, ClaimStatus[] claims, bool toRepay, bool closed) =>
        Assert.Equal(closed, ListReports.IsClosed(report, unused, transfer, claims, toRepay));
}
