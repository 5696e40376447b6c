using Ktu.Web.Data;

namespace Ktu.Web.Features.Account;

/// <summary>What Program.cs needs of this feature: its data seeds and its endpoints.</summary>
internal static class AccountFeature
{
    public static IServiceCollection AddAccount(this IServiceCollection services) =>
        services.AddSingleton<IDataSeed, DemoData>()
            .AddSingleton(sp => new FailedLoginsPerAddress(sp.GetRequiredService<IConfiguration>().GetValue("Security:FailedLoginsPerAddressPerHour", 30)));

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapAccountApi();
        app.MapAccountSelfServiceApi();
        ClientToken.Map(app.MapGroup("/api/v1").WithTags("Innlogging"));
        return app;
    }
}
