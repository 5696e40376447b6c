using System.Net;
using System.Net.Sockets;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Outbox;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using netDumbster.smtp;

namespace Ktu.IntegrationTests.Outbox;

/// <summary>Helpers for sending the outbox to an in-process mail server (netDumbster) on a free port.</summary>
internal static class SmtpTesting
{
    public const string From = "ikke-svar@ktu.example";

    /// <summary>Settings for a plain-text mail server on this machine (netDumbster speaks no TLS).</summary>
    public static SmtpSettings Settings(int port, int maxAttempts = RetrySchedule.DefaultMaxAttempts, int batchSize = 20) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SecureSocketOptions.None,
        From = new MailboxAddress("KTU", From),
        MaxAttempts = maxAttempts,
        BatchSize = batchSize,
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A sender of its own on the factory's database, as another app instance would have.</summary>
    public static OutboxSender Sender(KtuFactory factory, SmtpSettings settings) =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), settings, factory.Time, NullLogger<OutboxSender>.Instance);

    /// <summary>A port nobody listens on: taken from the system, then let go.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Sends batches until none is left that is due now.</summary>
    public static async Task DrainAsync(OutboxSender sender)
    {
        while (await sender.SendBatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>The messages the server received for one address.</summary>
    public static SmtpMessage[] To(SimpleSmtpServer server, string address) =>
        [.. server.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public static async Task<OutboxMessage> RowAsync(KtuFactory factory, Guid id)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public static async Task<List<OutboxMessage>> RowsToAsync(KtuFactory factory, params string[] recipients)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => recipients.Contains(m.To)).ToListAsync();
    }

    /// <summary>Queues messages straight into the outbox, as a feature's transaction would.</summary>
    public static async Task<List<OutboxMessage>> QueueAsync(KtuFactory factory, params string[] recipients)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var messages = recipients.Select((to, i) => OutboxMessage.Email(to, $"Melding {i + 1}", $"Hei {to}", factory.Time.GetUtcNow())).ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages;
    }

    public static string UniqueAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.org";
}
