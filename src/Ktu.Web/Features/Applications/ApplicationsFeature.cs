using Ktu.Web.Data;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Applications;

/// <summary>What Program.cs needs of this feature: its data seeds, the part pages' editor and its endpoints.</summary>
internal static class ApplicationsFeature
{
    public static IServiceCollection AddApplications(this IServiceCollection services) =>
        services.AddSingleton<IDataSeed, DemoApplications>()
            .AddSingleton<ApplicationPdfCache>()
            .AddSingleton(sp => new ReceiptEmailLimit(sp.GetRequiredService<IConfiguration>().GetValue("Security:ReceiptEmailsPerAddressPerHour", 10)))
            .AddScoped<PartEditors>();

    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app)
    {
        app.MapApplicationsApi();

        // What the applicant sees of the embete's handling of one application: questions to answer and, once approved, the decision.
        var application = app.MapGroup("/api/v1/applications/{id:guid}")
            .WithTags("Søknader")
            .RequireAuthorization(Policies.Applicant)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        AnswerQuestion.Map(application);
        ViewDecision.Map(application);
        ContinuingFromReport.Map(application);

        app.MapApplicationPdf();
        app.MapDecisionLetterPdf();
        return app;
    }
}
