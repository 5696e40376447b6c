namespace Ktu.Web.Features.Outbox;

/// <summary>What Program.cs needs of this feature: the sender, when a mail server is configured.</summary>
internal static class OutboxFeature
{
    /// <summary>
    /// With <c>Smtp:Host</c> the outbox is sent by a background worker; without it (the demo) nothing is sent and the
    /// messages stay readable in the demo outbox.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        if (SmtpSettings.Read(configuration) is not { } settings)
        {
            return services;
        }
        services.AddSingleton(settings);
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<OutboxSending>();
        return services;
    }
}
