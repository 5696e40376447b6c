namespace Ktu.Web.Domain;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change it reports, so a
/// receipt is never promised without being queued; a sender drains rows where <see cref="SentAt"/> is null.
/// </summary>
/// <remarks>
/// A sender first claims a row with a lease (<see cref="LeasedBy"/>, <see cref="LeaseUntil"/>) in one conditional
/// update, so with several app instances on one database only one of them sends it. Without a mail server configured
/// nothing claims rows, and they stay in the demo outbox.
/// </remarks>
public sealed class OutboxMessage
{
    public const int MaxError = 2000;
    public const int MaxServerResponse = 1000;
    public const int MaxLeasedBy = 200;

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
    /// <summary>What the mail server answered when it took the message, such as "2.0.0 Ok: queued as 4Xyz".</summary>
    public string? ServerResponse { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Not to be tried before this instant (after a failed attempt); null: as soon as a sender runs.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }
    /// <summary>When the sender gave up on the message; it is not tried again.</summary>
    public DateTimeOffset? FailedAt { get; private set; }
    /// <summary>The claim of the sender that holds or last held the message; its concurrency token.</summary>
    public string? LeasedBy { get; private set; }
    /// <summary>Until when that claim holds; after it another sender may take the message.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    public static OutboxMessage Email(string to, string subject, string body, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CreatedAt = now,
        To = to,
        Subject = subject,
        Body = body,
    };

    public void MarkSent(DateTimeOffset now, string serverResponse)
    {
        SentAt = now;
        ServerResponse = Cut(serverResponse, MaxServerResponse);
        Attempts++;
        LastError = null;
        NextAttemptAt = null;
        LeaseUntil = null;
    }

    /// <summary>Records a failed attempt: tried again from <paramref name="retryAt"/>, or never again when it is null.</summary>
    public void MarkFailed(string error, DateTimeOffset now, DateTimeOffset? retryAt)
    {
        Attempts++;
        LastError = Cut(error, MaxError);
        NextAttemptAt = retryAt;
        FailedAt = retryAt is null ? now : null;
        LeaseUntil = null;
    }

    /// <summary>Gives a claimed message back unsent and untried, for the next sender to take at once.</summary>
    public void Release() => LeaseUntil = null;

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
