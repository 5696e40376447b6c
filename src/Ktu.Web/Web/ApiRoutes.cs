namespace Ktu.Web.Web;

/// <summary>
/// The API's shared route prefixes, each declared once: several features put endpoints under one allocation year or
/// one grant, and each takes its group from here with its own tag instead of spelling out the prefix again.
/// </summary>
internal static class ApiRoutes
{
    public const string AllocationYear = "/api/v1/allocations/{year:int}";
    public const string Grant = "/api/v1/grants/{id:guid}";

    /// <summary>An embete's allocation for one scheme year: staff of the embete only.</summary>
    public static RouteGroupBuilder MapAllocationYear(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup(AllocationYear)
            .WithTags(tag)
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>One grant (decision): each endpoint sets who may use it.</summary>
    public static RouteGroupBuilder MapGrant(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup(Grant)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
