using Ktu.Web.Web;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// What Program.cs needs of this feature: its endpoints. The payment routes sit beside the letters' under the same
/// prefixes and tag (one API section, "Tilskuddsbrev og utbetaling"), but this feature declares its own groups for them.
/// </summary>
internal static class PaymentsFeature
{
    public const string Tag = "Tilskuddsbrev og utbetaling";

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var year = app.MapGroup("/api/v1/allocations/{year:int}")
            .WithTags(Tag)
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ExportPaymentFile.Map(year);

        var grant = app.MapGroup("/api/v1/grants/{id:guid}")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        MarkPaid.Map(grant);
        return app;
    }
}
