namespace Ktu.Web.Features.Backup;

/// <summary>What Program.cs needs of this feature: its endpoints.</summary>
internal static class BackupFeature
{
    public static IEndpointRouteBuilder MapBackup(this IEndpointRouteBuilder app)
    {
        app.MapBackupApi();
        return app;
    }
}
