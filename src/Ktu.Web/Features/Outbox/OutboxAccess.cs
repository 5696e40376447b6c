using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Outbox;

/// <summary>
/// The outbox viewer is a demo tool: with Demo:Enabled a signed-in user may read the e-mails the service would have
/// sent them, so receipts can be shown without a mail server. Outside demo mode the pages do not exist (404).
/// </summary>
/// <remarks>
/// The messages hold other organisations' data (receipts, letters, invitation links), so each person sees only what
/// was addressed to their own e-mail address, and the administrator sees all.
/// </remarks>
internal static class OutboxAccess
{
    public static bool IsOpen(IConfiguration configuration) => configuration.GetValue("Demo:Enabled", false);

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
