using Ktu.Web.Data;

namespace Ktu.Web.Features.Applications;

/// <summary>What Program.cs needs of this feature: its data seeds and its endpoints.</summary>
internal static class ApplicationsFeature
{
    public static IServiceCollection AddApplications(this IServiceCollection services) =>
        services.AddSingleton<IDataSeed, DemoApplications>();

    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app)
    {
        app.MapApplicationsApi();
        app.MapApplicantCaseApi();
        app.MapApplicationPdf();
        app.MapDecisionLetterPdf();
        return app;
    }
}
