namespace Ktu.Web.Features.Assessment;

/// <summary>What Program.cs needs of this feature: its endpoints.</summary>
internal static class AssessmentFeature
{
    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder app)
    {
        app.MapCaseApi();
        return app;
    }
}
