namespace Ktu.Web.Features.Outbox;

/// <summary>
/// The outbox viewer is a demo tool: with Demo:Enabled every signed-in user may read the e-mails
/// the service would have sent, so receipts can be shown without a mail server. Outside demo mode
/// the pages do not exist (404), because the messages hold other organisations' data.
/// </summary>
internal static class OutboxAccess
{
    public static bool IsOpen(IConfiguration configuration) => configuration.GetValue("Demo:Enabled", false);
}
