namespace Ktu.Web.Features.Backup;

/// <summary>What Program.cs needs of this feature: the scheduled backup and its endpoints.</summary>
internal static class BackupFeature
{
    public static IServiceCollection AddBackup(this IServiceCollection services) => services.AddHostedService<ScheduledBackup>();

    public static IEndpointRouteBuilder MapBackup(this IEndpointRouteBuilder app)
    {
        app.MapBackupApi();
        return app;
    }
}
