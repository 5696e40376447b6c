namespace Ktu.Web.Features.Allocation;

/// <summary>What Program.cs needs of this feature: its endpoints.</summary>
internal static class AllocationFeature
{
    public static IEndpointRouteBuilder MapAllocation(this IEndpointRouteBuilder app)
    {
        app.MapAllocationApi();
        app.MapRoundApi();
        return app;
    }
}
