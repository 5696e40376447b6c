using Ktu.Web.Web;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// What Program.cs needs of this feature: its endpoints. The payment routes sit beside the letters' under the same
/// prefixes and tag (one API section, "Tilskuddsbrev og utbetaling"), and both take their groups from Web/ApiRoutes, which declares each prefix once.
/// </summary>
internal static class PaymentsFeature
{
    public const string Tag = "Tilskuddsbrev og utbetaling";

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var year = app.MapAllocationYear(Tag);
        ExportPaymentFile.Map(year);

        var grant = app.MapGrant(Tag);
        MarkPaid.Map(grant);
        ConfirmPaid.Map(grant);
        CancelPaid.Map(grant);
        return app;
    }
}
