using Ktu.Web.Data;

namespace Ktu.Web.Features.Schemes;

/// <summary>What Program.cs needs of this feature: its data seeds and its endpoints.</summary>
internal static class SchemesFeature
{
    public static IServiceCollection AddSchemes(this IServiceCollection services) =>
        services.AddSingleton<IDataSeed, SchemeSeed>().AddSingleton<IDataSeed, DemoSchemeYear>();

    public static IEndpointRouteBuilder MapSchemes(this IEndpointRouteBuilder app)
    {
        app.MapSchemesApi();
        return app;
    }
}
