namespace Ktu.Web.Features.Outbox;

/// <summary>
/// Drains the outbox every <c>Smtp:PollSeconds</c> (default 10) while the app runs. Registered only when a mail
/// server is configured (<see cref="OutboxFeature"/>).
/// </summary>
internal sealed partial class OutboxSending(OutboxSender sender, SmtpSettings settings, ILogger<OutboxSending> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger, settings.ToString());
        // Real time on purpose, as for the audit checkpoints: tests move the app's clock for deadlines and retries, not for polling.
        using var timer = new PeriodicTimer(settings.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    while (await sender.SendBatchAsync(stoppingToken) == settings.BatchSize && !stoppingToken.IsCancellationRequested)
                    {
                        // A full batch: there may be more waiting.
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRoundFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox is sent through {Server}.")]
    private static partial void LogStarted(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the outbox failed; the next round tries again.")]
    private static partial void LogRoundFailed(ILogger logger, Exception e);
}
