using Ktu.Web.Web;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>What Program.cs needs of this feature: its endpoints, in the two route groups declared here.</summary>
internal static class GrantLettersFeature
{
    public const string Tag = "Tilskuddsbrev og utbetaling";

    public static IEndpointRouteBuilder MapGrantLetters(this IEndpointRouteBuilder app)
    {
        var year = app.MapGroup("/api/v1/allocations/{year:int}")
            .WithTags(Tag)
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ListLetters.Map(year);
        GenerateLetters.Map(year);
        ExportArchive.Map(year);

        var grant = app.MapGroup("/api/v1/grants/{id:guid}")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        DownloadLetter.Map(grant);
        CorrectLetter.Map(grant);
        return app;
    }
}
