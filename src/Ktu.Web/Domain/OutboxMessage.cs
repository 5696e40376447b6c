namespace Ktu.Web.Domain;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change it reports, so a
/// receipt is never promised without being queued; a sender drains rows where <see cref="SentAt"/> is null.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    /// <summary>Plain text.</summary>
    public string Body { get; private set; } = "";
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public static OutboxMessage Email(string to, string subject, string body, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CreatedAt = now,
        To = to,
        Subject = subject,
        Body = body,
    };

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}
