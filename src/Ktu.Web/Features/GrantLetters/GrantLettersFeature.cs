using Ktu.Web.Web;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>What Program.cs needs of this feature: its endpoints, in the route groups of Web/ApiRoutes.</summary>
internal static class GrantLettersFeature
{
    public const string Tag = "Tilskuddsbrev og utbetaling";

    public static IEndpointRouteBuilder MapGrantLetters(this IEndpointRouteBuilder app)
    {
        var year = app.MapAllocationYear(Tag);
        ListLetters.Map(year);
        GenerateLetters.Map(year);
        ExportArchive.Map(year);

        var grant = app.MapGrant(Tag);
        DownloadLetter.Map(grant);
        CorrectLetter.Map(grant);
        ConfirmCorrection.Map(grant);
        CancelCorrection.Map(grant);
        return app;
    }
}
