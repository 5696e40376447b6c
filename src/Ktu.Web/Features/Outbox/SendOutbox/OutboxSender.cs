using System.Linq.Expressions;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Ktu.Web.Features.Outbox;

/// <summary>
/// Sends the outbox over SMTP, one batch at a time: claims due messages, sends them on one connection and records
/// each outcome as soon as it is known. Several app instances may send from one database: a message is claimed in
/// one conditional UPDATE, so only one sender gets it, and its result is saved only while the claim is still its own.
/// </summary>
/// <remarks>
/// A message is sent at most once unless a sender dies between the server's answer and saving it; then the claim
/// runs out and the message goes again. Its Message-ID is the outbox row's id, so a receiving server can tell.
/// </remarks>
internal sealed partial class OutboxSender(IServiceScopeFactory scopes, SmtpSettings settings, TimeProvider time, ILogger<OutboxSender> logger)
{
    private long _claims;

    /// <summary>Names this sender in the claims it makes: host, process and a number of its own.</summary>
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Sends one batch; returns how many messages it claimed (fewer than the batch size: the outbox is drained for now).</summary>
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claimed = await ClaimAsync(db, ct);
        if (claimed.Count > 0)
        {
            await SendAsync(db, claimed, ct);
        }
        return claimed.Count;
    }

    /// <summary>Due messages, oldest first, now leased to this sender and to no other.</summary>
    internal async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(AppDbContext db, CancellationToken ct) =>
        await LeaseAsync(db, await DueAsync(db, ct), ct);

    /// <summary>The ids of up to a batch of due messages, oldest first. Another sender may read the same ones.</summary>
    internal async Task<List<Guid>> DueAsync(AppDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.OutboxMessages.AsNoTracking().Where(Due(now))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);
    }

    /// <summary>Leases those of <paramref name="candidates"/> that are still due, and returns them.</summary>
    internal async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(AppDbContext db, List<Guid> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return [];
        }
        // The condition is checked again inside the UPDATE: of two senders that read the same candidates, the one whose
        // UPDATE runs second finds them leased and takes none (PostgreSQL re-checks a row it waited for; SQLite writes one at a time).
        var now = time.GetUtcNow();
        var claim = $"{Name}/{Interlocked.Increment(ref _claims)}";
        var leaseUntil = now + settings.Lease;
        await WriteTransaction.StatementAsync(db, () => db.OutboxMessages
            .Where(m => candidates.Contains(m.Id)).Where(Due(now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedBy, claim).SetProperty(m => m.LeaseUntil, leaseUntil), ct), ct);
        return await db.OutboxMessages.Where(m => candidates.Contains(m.Id) && m.LeasedBy == claim)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Sends messages this sender has claimed (<see cref="ClaimAsync"/>) and records each outcome.</summary>
    internal async Task SendAsync(AppDbContext db, IReadOnlyList<OutboxMessage> claimed, CancellationToken ct)
    {
        using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        Exception? unreachable = null;
        try
        {
            foreach (var message in claimed)
            {
                if (message.LeaseUntil - time.GetUtcNow() < settings.MinLeaseLeft || ct.IsCancellationRequested)
                {
                    // Too little of the claim left to finish safely: give it back for the next round.
                    message.Release();
                }
                else if (unreachable is not null)
                {
                    // The server could not be reached for an earlier message of this batch; the rest wait as it did.
                    Failed(message, unreachable);
                }
                else
                {
                    try
                    {
                        await ConnectAsync(smtp, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        unreachable = e;
                        LogUnreachable(logger, settings.ToString(), e);
                        Failed(message, e);
                        await SaveAsync(db, message);
                        continue;
                    }
                    try
                    {
                        var answer = await smtp.SendAsync(ToMime(message), ct);
                        message.MarkSent(time.GetUtcNow(), answer);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        Failed(message, e);
                    }
                }
                // The outcome is saved before the next message goes, even when the app is stopping: a message the server
                // took and was not recorded as sent would go again once the claim runs out.
                await SaveAsync(db, message);
            }
        }
        finally
        {
            if (smtp.IsConnected)
            {
                try
                {
                    await smtp.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or ProtocolException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    // Every message's outcome is already saved; a QUIT that fails changes none of them.
                }
            }
        }
    }

    private async Task ConnectAsync(SmtpClient smtp, CancellationToken ct)
    {
        if (smtp.IsConnected)
        {
            return;
        }
        await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
        if (settings.UserName is not null)
        {
            await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }
    }

    private void Failed(OutboxMessage message, Exception e)
    {
        var now = time.GetUtcNow();
        var permanent = IsPermanent(e);
        var retryAt = permanent ? null : RetrySchedule.NextAttempt(message.Attempts + 1, settings.MaxAttempts, now);
        message.MarkFailed(Describe(e), now, retryAt);
        if (retryAt is null)
        {
            LogGivenUp(logger, message.Id, message.Attempts, e);
        }
        else
        {
            LogFailed(logger, message.Id, message.Attempts, retryAt.Value, e.Message);
        }
    }

    /// <summary>Saves one message's outcome while the claim is still this sender's (its concurrency token).</summary>
    private async Task SaveAsync(AppDbContext db, OutboxMessage message)
    {
        // Never cancelled: the server's answer must be kept even when the app is stopping.
        if (!await RowUpdates.SaveAsync(db, CancellationToken.None))
        {
            LogClaimLost(logger, message.Id);
        }
        db.Entry(message).State = EntityState.Detached;
    }

    /// <summary>Due: neither sent nor given up, its next try has come, and no claim holds it.</summary>
    private static Expression<Func<OutboxMessage, bool>> Due(DateTimeOffset now) => m =>
        m.SentAt == null && m.FailedAt == null
        && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
        && (m.LeaseUntil == null || m.LeaseUntil < now);

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body },
            MessageId = $"{message.Id:N}@{settings.From.Domain}",
            Date = message.CreatedAt,
        };
        mime.From.Add(settings.From);
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }

    /// <summary>
    /// A broken address, or a recipient the server refuses for good (5xx), fails the same way every time: give up at once.
    /// Anything else (no connection, a busy server, 4xx) may pass later.
    /// </summary>
    internal static bool IsPermanent(Exception e) => e switch
    {
        ParseException => true,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c => (int)c.StatusCode >= 500,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server {Server} could not be reached; the batch's messages are tried again later.")]
    private static partial void LogUnreachable(ILogger logger, string server, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} was not sent (attempt {Attempts}); next try from {RetryAt}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid id, int attempts, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} was given up after {Attempts} attempts; it is not sent.")]
    private static partial void LogGivenUp(ILogger logger, Guid id, int attempts, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}: the claim ran out before its outcome was saved; another sender has it.")]
    private static partial void LogClaimLost(ILogger logger, Guid id);
}
