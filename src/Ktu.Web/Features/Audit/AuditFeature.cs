namespace Ktu.Web.Features.Audit;

/// <summary>What Program.cs needs of this feature: its endpoints.</summary>
internal static class AuditFeature
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        VerifyAuditChain.Map(app);
        ReadAuditTrail.Map(app);
        return app;
    }
}
