using Ktu.Web.Features.Outbox;
using MailKit.Net.Smtp;
using MimeKit;

namespace Ktu.UnitTests.Features.Outbox;

/// <summary>Which failures end the tries at once (<see cref="OutboxSender.IsPermanent"/>): SMTP's 5xx is "do not repeat", 4xx "try later".</summary>
public sealed class PermanentFailureTests
{
    private static readonly MailboxAddress Someone = new("", "someone@example.org");

    [Fact]
    public void A_recipient_refused_for_good_is_permanent() =>
        Assert.True(OutboxSender.IsPermanent(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, Someone, "550 no such user")));

    [Fact]
    public void A_recipient_refused_for_now_is_not() =>
        Assert.False(OutboxSender.IsPermanent(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, Someone, "450 mailbox busy")));

    [Fact]
    public void A_refused_sender_is_not_permanent_for_the_message_since_the_settings_can_be_fixed() =>
        Assert.False(OutboxSender.IsPermanent(new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable, Someone, "550 not allowed")));

    [Fact]
    public void An_address_that_cannot_be_read_is_permanent() =>
        Assert.True(OutboxSender.IsPermanent(Assert.Throws<ParseException>(() => MailboxAddress.Parse("@@"))));

    [Fact]
    public void No_connection_is_not() =>
        Assert.False(OutboxSender.IsPermanent(new System.Net.Sockets.SocketException(111)));
}
