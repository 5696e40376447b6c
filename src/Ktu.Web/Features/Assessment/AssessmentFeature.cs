using Ktu.Web.Web;

namespace Ktu.Web.Features.Assessment;

/// <summary>What Program.cs needs of this feature: its endpoints, one use case each, on the one cases group.</summary>
internal static class AssessmentFeature
{
    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases")
            .WithTags("Saksbehandling")
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ListCases.Map(cases);
        ViewCase.Map(cases);
        DeclareImpartiality.Map(cases);
        AssignCase.Map(cases);
        AssessCase.Map(cases);
        AskApplicant.Map(cases);
        return app;
    }
}
