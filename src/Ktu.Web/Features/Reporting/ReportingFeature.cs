using Ktu.Web.Data;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Reporting;

/// <summary>What Program.cs needs of this feature: the report endpoints under one grant, and the embete's overview.</summary>
internal static class ReportingFeature
{
    public const string Tag = "Rapportering";

    public static IServiceCollection AddReporting(this IServiceCollection services) =>
        services.AddSingleton<IDataSeed, DemoReportYear>()
            .AddHostedService<ReportRemindersJob>();

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        var grant = app.MapGrant(Tag);
        SaveReport.Map(grant);
        SubmitReport.Map(grant);
        DownloadReportPdf.Map(grant);
        UploadAttachment.Map(grant);
        DownloadAttachment.Map(grant);
        ReviewReport.Map(grant);
        DecideTransfer.Map(grant);
        ClaimRepayment.Map(grant);
        ChangeAccount.Map(grant);
        Reallocate.Map(grant);
        ListReports.Map(app);
        return app;
    }
}
