using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Outbox;

/// <summary>
/// Who reads what in the outbox (<c>/utboks</c>): each signed-in person the e-mails addressed to them, the administrator
/// every message with its sending state, attempts and the mail server's answer, so an invitation the server refused is
/// seen. In demo mode (no mail server) it is where receipts are read.
/// </summary>
/// <remarks>
/// The messages hold other organisations' data (receipts, letters, invitation links), so each person sees only what
/// was addressed to their own e-mail address. Outside demo mode the administrator does not see the text of others'
/// messages: an invitation holds a one-time link to choose that person's password, and an administrator who could
/// read it could sign in as them.
/// </remarks>
internal static class OutboxAccess
{
    /// <summary>Whether <paramref name="me"/> may read the text of a message: their own always, anyone's in demo mode.</summary>
    public static bool ShowsBody(IConfiguration configuration, CurrentUser me, OutboxMessage message) =>
        configuration.GetValue("Demo:Enabled", false) || IsOwn(me, message);

    private static bool IsOwn(CurrentUser me, OutboxMessage message) =>
        me.Email is { Length: > 0 } email && string.Equals(message.To.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The messages <paramref name="me"/> may read: those to their own address, or all for the administrator.</summary>
    public static IQueryable<OutboxMessage> VisibleTo(this IQueryable<OutboxMessage> messages, CurrentUser me)
    {
        if (me.IsInRole(Roles.Admin))
        {
            return messages;
        }
        // Addresses are compared without case: the receipt goes to the address as typed on the form.
        var email = me.Email?.Trim().ToLowerInvariant();
        // EF translates ToLower to SQL on both providers; string.Equals with a StringComparison it cannot translate.
#pragma warning disable CA1862
        return email is null or "" ? messages.Where(_ => false) : messages.Where(m => m.To.ToLower() == email);
#pragma warning restore CA1862
    }
}
