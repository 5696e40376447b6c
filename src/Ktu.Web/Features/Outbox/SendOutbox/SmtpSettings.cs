using System.Globalization;
using MailKit.Security;
using MimeKit;

namespace Ktu.Web.Features.Outbox;

/// <summary>
/// The mail server the outbox is sent through, from the section <c>Smtp</c> (environment: <c>Smtp__Host</c> and so on).
/// Without <c>Smtp:Host</c> there is none: nothing is sent and the messages stay in the demo outbox.
/// </summary>
internal sealed record SmtpSettings
{
    public required string Host { get; init; }
    public int Port { get; init; } = 587;
    /// <summary>TLS with the server; by default required: implicit TLS on port 465, STARTTLS on any other port.</summary>
    public SecureSocketOptions Security { get; init; } = SecureSocketOptions.StartTls;
    /// <summary>Signs in only when set.</summary>
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public required MailboxAddress From { get; init; }
    /// <summary>Messages one sender claims at a time.</summary>
    public int BatchSize { get; init; } = 20;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Tries after which a message is given up (<see cref="RetrySchedule"/>).</summary>
    public int MaxAttempts { get; init; } = RetrySchedule.DefaultMaxAttempts;
    /// <summary>How long one SMTP read or write may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claim keeps other senders off a message. A sender starts no message with less than
    /// <see cref="MinLeaseLeft"/> of it left, so a message is not taken over while it is being sent.
    /// </summary>
    public TimeSpan Lease => MinLeaseLeft * 4;

    /// <summary>Room for connecting, signing in and one message's commands, each within <see cref="Timeout"/>.</summary>
    public TimeSpan MinLeaseLeft => Timeout * 8;

    public static SmtpSettings? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Smtp");
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }
        var port = section.GetValue("Port", 587);
        var security = section["Security"] is { Length: > 0 } s
            ? Enum.TryParse<SecureSocketOptions>(s, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"Smtp__Security={s} er ukjent; bruk StartTls, SslOnConnect, StartTlsWhenAvailable, Auto eller None.")
            : port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        if (!MailboxAddress.TryParse(section["From"] ?? "", out var from) || string.IsNullOrEmpty(from.Domain) || string.IsNullOrEmpty(from.LocalPart))
        {
            throw new InvalidOperationException("Smtp__Host er satt; Smtp__From må da være avsenderens e-postadresse.");
        }
        if (section["FromName"] is { Length: > 0 } name)
        {
            from = new MailboxAddress(name, from.Address);
        }
        return new SmtpSettings
        {
            Host = host.Trim(),
            Port = port,
            Security = security,
            UserName = section["UserName"] is { Length: > 0 } user ? user : null,
            Password = section["Password"],
            From = from,
            BatchSize = Math.Max(1, section.GetValue("BatchSize", 20)),
            PollInterval = TimeSpan.FromSeconds(Math.Max(1, section.GetValue("PollSeconds", 10))),
            MaxAttempts = Math.Max(1, section.GetValue("MaxAttempts", RetrySchedule.DefaultMaxAttempts)),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, section.GetValue("TimeoutSeconds", 30))),
        };
    }

    /// <summary>For logs: never the password.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port} ({Security}{(UserName is null ? "" : ", as " + UserName)}), from {From.Address}");
}
