namespace Ktu.Web.Data;

/// <summary>
/// Anchors the audit trail's head every <c>Audit:CheckpointSeconds</c> (default 60) while the app runs, so entries
/// deleted from the end after the last checkpoint are the most that could go unnoticed (<see cref="AuditAnchors"/>).
/// </summary>
internal sealed partial class AuditCheckpoints(IServiceScopeFactory scopes, AuditAnchors anchors, TimeProvider time, IConfiguration configuration, ILogger<AuditCheckpoints> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Audit:CheckpointSeconds", 60)));
        // Real time on purpose: tests move the app's clock for deadlines, not for background work.
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await anchors.CheckpointAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), time.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckpointFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not anchor the audit trail's head; the next checkpoint tries again.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception e);
}
