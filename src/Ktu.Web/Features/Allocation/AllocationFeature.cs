using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>What Program.cs needs of this feature: its endpoints, the year's in the one allocation-year group.</summary>
internal static class AllocationFeature
{
    public const string Tag = "Tildeling";

    public static IEndpointRouteBuilder MapAllocation(this IEndpointRouteBuilder app)
    {
        var year = app.MapAllocationYear(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        ViewAllocation.Map(year);
        AdjustAllocation.Map(year);
        SaveScenario.Map(year);
        DeleteScenario.Map(year);
        SubmitForApproval.Map(year);
        ApproveAllocation.Map(year);
        SendBack.Map(year);
        StartNextRound.Map(year);
        ProposeAllocation.Map(app);
        return app;
    }
}
