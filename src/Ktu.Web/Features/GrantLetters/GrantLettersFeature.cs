namespace Ktu.Web.Features.GrantLetters;

/// <summary>What Program.cs needs of this feature: its endpoints.</summary>
internal static class GrantLettersFeature
{
    public static IEndpointRouteBuilder MapGrantLetters(this IEndpointRouteBuilder app)
    {
        app.MapLettersApi();
        return app;
    }
}
